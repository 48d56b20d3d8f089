// The administrators' console (/admin/*): the city and county bureaus' queues, claim review,
// programs and money, sanctions, audit, dashboards and staff. Each area is a chunk of its own that
// owns its sub-routes; the menu shows only what the staff member's roles can act on, and a section
// outside them is the 404 page (as an object outside their jurisdiction is).
import { Suspense, type ComponentType } from 'react';
import { preloadable, type Preloadable } from '../../lib/preloadable';
import { Skeleton } from 'antd';
import { Route, Routes } from 'react-router';
import { useAuth } from '../../auth/auth';
import { NotFound } from '../../components/RequireAuth';
import { AdminNav, useSections } from './AdminNav';
import './admin.css';

const area = <M extends Record<string, ComponentType>>(load: () => Promise<M>, name: keyof M): Preloadable => preloadable(load, (m) => m[name]);

const queues = () => import('./queues');
const claims = () => import('./claims');
const programs = () => import('./programs');
const insight = () => import('./insight');

/** path prefix → [the menu section that grants it, the area (its chunk preloadable)] */
const AREAS: [string, string, Preloadable][] = [
  ['verification', 'verification', area(queues, 'VerificationRoutes')],
  ['admission', 'admission', area(queues, 'AdmissionRoutes')],
  ['offerings', 'offerings', area(queues, 'OfferingRoutes')],
  ['applications', 'applications', area(queues, 'ApplicationRoutes')],
  ['claims', 'claims', area(claims, 'ClaimRoutes')],
  ['orders', 'dashboard', area(claims, 'OrderRoutes')],
  ['programs', 'programs', area(programs, 'ProgramRoutes')],
  ['disbursements', 'disbursements', area(programs, 'DisbursementRoutes')],
  ['sanctions', 'sanctions', area(programs, 'SanctionRoutes')],
  ['organizations', 'dashboard', area(programs, 'OrganizationRoutes')],
  ['audit', 'audit', area(insight, 'AuditRoutes')],
  ['staff', 'staff', area(insight, 'StaffRoutes')],
];
const Dashboard = area(insight, 'DashboardRoutes');

// the area of the page opened directly loads with the console's own code (in parallel with the
// session being restored and the staff member's roles read), not after them
{
  const prefix = /^\/admin\/([^/]+)/.exec(location.pathname)?.[1];
  const chunk = AREAS.find(([p]) => p === prefix)?.[2] ?? (prefix === undefined || prefix === 'dashboard' ? Dashboard : undefined);
  chunk?.preload().catch(() => undefined); // a failed fetch is retried (and explained) when the page renders
}

export default function AdminConsole() {
  const { isStaff } = useAuth();
  const sections = useSections();
  // not staff: the console does not exist for them
  if (!isStaff) return <NotFound />;
  return (
    <div className="admin-console">
      <AdminNav />
      <main className="admin-main" id="admin-main">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} />}>
          <Routes>
            <Route index element={<Dashboard.Component />} />
            <Route path="dashboard/*" element={<Dashboard.Component />} />
            {AREAS.map(([path, section, { Component: Page }]) => (
              <Route key={path} path={`${path}/*`} element={sections.has(section) ? <Page /> : <NotFound />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
