// The console's claims area (placeholder routes until its pages land).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/RequireAuth';

export function ClaimRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function OrderRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

