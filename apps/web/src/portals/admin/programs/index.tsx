// The console's programs area: programs and their money (/admin/programs), payment batches
// (/admin/disbursements), sanctions (/admin/sanctions) and an organization's file
// (/admin/organizations/:id). The shell lets a staff member in by menu section; inside, each page
// that acts (a new program, imposing a sanction) or reads an organization's history asks for the
// role that may, and anyone else gets the 404 page.
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/NotFound';
import { useStaff, type StaffRole } from '../common';
import './programs.css';

const ProgramsPage = lazy(() => import('./ProgramsPage'));
const ProgramDetailPage = lazy(() => import('./ProgramDetailPage'));
const ProgramEditPage = lazy(() => import('./ProgramDetailPage').then((m) => ({ default: m.ProgramEditPage })));
const NewProgramPage = lazy(() => import('./ProgramForm').then((m) => ({ default: () => <m.ProgramForm /> })));
const DisbursementsPage = lazy(() => import('./DisbursementsPage'));
const BatchPage = lazy(() => import('./BatchPage'));
const SanctionsPage = lazy(() => import('./SanctionsPage'));
const ImposeSanctionPage = lazy(() => import('./SanctionsPage').then((m) => ({ default: m.ImposeSanctionPage })));
const SanctionPage = lazy(() => import('./SanctionPage'));
const OrganizationPage = lazy(() => import('./OrganizationPage'));

/** The page for these roles only; anyone else gets the 404 page. */
function Only({ roles, children }: { roles: StaffRole[]; children: ReactNode }) {
  const staff = useStaff();
  return staff.has(...roles) ? <>{children}</> : <NotFound />;
}

const page = (el: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{el}</Suspense>;

export function ProgramRoutes() {
  return (
    <div className="admin-programs">
      <Routes>
        <Route index element={page(<ProgramsPage />)} />
        <Route path="new" element={<Only roles={['program_officer']}>{page(<NewProgramPage />)}</Only>} />
        <Route path=":id" element={page(<ProgramDetailPage />)} />
        <Route path=":id/edit" element={<Only roles={['program_officer']}>{page(<ProgramEditPage />)}</Only>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function DisbursementRoutes() {
  return (
    <div className="admin-programs">
      <Routes>
        <Route index element={page(<DisbursementsPage />)} />
        <Route path=":id" element={page(<BatchPage />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function SanctionRoutes() {
  return (
    <div className="admin-programs">
      <Routes>
        <Route index element={page(<SanctionsPage />)} />
        <Route path="new" element={<Only roles={['program_officer']}>{page(<ImposeSanctionPage />)}</Only>} />
        <Route path=":id" element={page(<SanctionPage />)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function OrganizationRoutes() {
  return (
    <div className="admin-programs">
      <Routes>
        {/* an organization's file: its profile for the staff who meet it (reviewers from a claim's flags; the API scopes it to
            their jurisdiction), its sanctions for programs and money staff, its history only for program officers and auditors */}
        <Route path=":id" element={<Only roles={['program_officer', 'finance_officer', 'auditor', 'county_reviewer', 'city_reviewer']}>{page(<OrganizationPage />)}</Only>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
