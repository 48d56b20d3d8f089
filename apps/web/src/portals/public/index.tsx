import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/RequireAuth';

/**
 * Mounted at offerings/*, providers/* and programs/*. A descendant <Routes> matches the rest of
 * the URL after its parent's path, so each route names what follows, e.g. ':id' under offerings/*;
 * the first segment tells which parent matched (useLocation().pathname).
 */
export default function PublicPages() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
