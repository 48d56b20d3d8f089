// The administrators' console (/admin/*): the city and county bureaus' queues, claim review,
// programs and money, sanctions, audit, dashboards and staff. Each area is a chunk of its own that
// owns its sub-routes; the menu shows only what the staff member's roles can act on, and a section
// outside them is the 404 page (as an object outside their jurisdiction is).
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Skeleton } from 'antd';
import { Route, Routes } from 'react-router';
import { useAuth } from '../../auth/auth';
import { NotFound } from '../../components/RequireAuth';
import { AdminNav, useSections } from './AdminNav';
import './admin.css';

type Area = LazyExoticComponent<ComponentType>;
const area = <M extends Record<string, ComponentType>>(load: () => Promise<M>, name: keyof M): Area =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const queues = () => import('./queues');
const claims = () => import('./claims');
const programs = () => import('./programs');
const insight = () => import('./insight');

/** path prefix → [the menu section that grants it, the area, its chunk] */
const AREAS: [string, string, Area, () => Promise<unknown>][] = [
  ['verification', 'verification', area(queues, 'VerificationRoutes'), queues],
  ['admission', 'admission', area(queues, 'AdmissionRoutes'), queues],
  ['offerings', 'offerings', area(queues, 'OfferingRoutes'), queues],
  ['applications', 'applications', area(queues, 'ApplicationRoutes'), queues],
  ['claims', 'claims', area(claims, 'ClaimRoutes'), claims],
  ['orders', 'dashboard', area(claims, 'OrderRoutes'), claims],
  ['programs', 'programs', area(programs, 'ProgramRoutes'), programs],
  ['disbursements', 'disbursements', area(programs, 'DisbursementRoutes'), programs],
  ['sanctions', 'sanctions', area(programs, 'SanctionRoutes'), programs],
  ['organizations', 'dashboard', area(programs, 'OrganizationRoutes'), programs],
  ['audit', 'audit', area(insight, 'AuditRoutes'), insight],
  ['staff', 'staff', area(insight, 'StaffRoutes'), insight],
];
const Dashboard = area(insight, 'DashboardRoutes');

// the area of the page opened directly loads with the console's own code (in parallel with the
// session being restored and the staff member's roles read), not after them
{
  const prefix = /^\/admin\/([^/]+)/.exec(location.pathname)?.[1];
  const chunk = AREAS.find(([p]) => p === prefix)?.[3] ?? (prefix === undefined || prefix === 'dashboard' ? insight : undefined);
  void chunk?.();
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
            <Route index element={<Dashboard />} />
            <Route path="dashboard/*" element={<Dashboard />} />
            {AREAS.map(([path, section, Page]) => (
              <Route key={path} path={`${path}/*`} element={sections.has(section) ? <Page /> : <NotFound />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
