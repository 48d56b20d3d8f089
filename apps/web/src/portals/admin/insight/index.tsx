// The console's insight area (placeholder routes until its pages land).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/RequireAuth';

export function DashboardRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function AuditRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function StaffRoutes() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

