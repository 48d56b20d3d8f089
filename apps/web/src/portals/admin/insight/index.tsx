// The console's insight area: the dashboards (/admin, /admin/dashboard), the audit log viewer
// (/admin/audit, city-wide auditors) and staff administration (/admin/staff, super-admins). The
// console shell shows /admin/audit and /admin/staff only to the roles of their menu sections; the
// charts (ECharts) load in a chunk of their own when the first one renders.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/NotFound';
import { useStaff } from '../common';
import AuditPage from './AuditPage';
import DashboardPage from './DashboardPage';
import StaffPage from './StaffPage';
import './insight.css';

export function DashboardRoutes() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function AuditRoutes() {
  const staff = useStaff();
  // the log spans every county: the API opens it to city-wide auditors (and super-admins) only
  if (!staff.cityWide('auditor')) return <NotFound />;
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function StaffRoutes() {
  const staff = useStaff();
  if (!staff.has('super_admin')) return <NotFound />;
  return (
    <Routes>
      <Route index element={<StaffPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
