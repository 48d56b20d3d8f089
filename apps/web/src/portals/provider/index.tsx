import { Route, Routes } from 'react-router';
import { NotFound } from '../../components/RequireAuth';

export default function Portal() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
