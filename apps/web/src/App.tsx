import { lazy } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { useAuth } from './auth/auth';
import i18n from './i18n';
import { preloadable } from './lib/preloadable';
import { refreshSession } from './api/client';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';
import { HomePage } from './portals/public/HomePage';

// code-split per portal: the home page is in the first bundle, everything else loads on demand
// the public pages share one chunk
const NotFound = lazy(() => import('./components/NotFound').then((m) => ({ default: m.NotFound })));
const publicPages = () => import('./portals/public');
const OfferingPage = lazy(() => publicPages().then((m) => ({ default: m.OfferingPage })));
const ProviderPage = lazy(() => publicPages().then((m) => ({ default: m.ProviderPage })));
const ProgramsPage = lazy(() => publicPages().then((m) => ({ default: m.ProgramsPage })));
const ProgramPage = lazy(() => publicPages().then((m) => ({ default: m.ProgramPage })));
// the account pages share one chunk
const account = () => import('./portals/account');
const LoginPage = lazy(() => account().then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => account().then((m) => ({ default: m.RegisterPage })));
const UnsubscribePage = lazy(() => account().then((m) => ({ default: m.UnsubscribePage })));
const NotificationsPage = lazy(() => account().then((m) => ({ default: m.NotificationsPage })));
const StartPage = lazy(() => account().then((m) => ({ default: m.StartPage })));
const PreferencesPage = lazy(() => account().then((m) => ({ default: m.PreferencesPage })));
const EnterprisePortal = lazy(() => import('./portals/enterprise'));
const ProviderPortal = lazy(() => import('./portals/provider'));
const adminConsole = preloadable(() => import('./portals/admin'), (m) => m.default);
const AdminConsole = adminConsole.Component;
// a console page opened directly (a link, a reload) fetches the console's code while the session
// is being restored, not after it
if (typeof location !== 'undefined' && /^\/admin(\/|$)/.test(location.pathname)) {
  adminConsole.preload().catch(() => undefined); // retried (and explained) when the console renders
  // the session's refresh starts now (AuthProvider's own call joins it) rather than after the first render
  void refreshSession();
}
// the claims queue (the reviewers' landing page) asks for its first page as soon as the session is back
if (typeof location !== 'undefined' && /^\/admin\/claims\/?$/.test(location.pathname)) void import('./portals/admin/claims/queue-query').then((m) => m.prefetchQueueFromLocation());
// and the console's words (and the claims area's) arrive with its code, not after it asks for them
if (typeof location !== 'undefined' && /^\/admin(\/|$)/.test(location.pathname)) void i18n.loadNamespaces(/^\/admin\/claims(\/|$)/.test(location.pathname) ? ['admin', 'adminClaims'] : ['admin']);
const StatisticsPage = lazy(() => import('./portals/public/StatisticsPage'));

/** Links in notifications (/orders/…, /claims/…) open in the reader's portal. */
function PortalLink({ kind }: { kind: 'orders' | 'claims' | 'grants' | 'enterprises' }) {
  const { id } = useParams();
  const { org, isStaff, ready } = useAuth();
  if (!ready) return null;
  if (kind === 'grants') return <Navigate to="/enterprise/wallet" replace />;
  if (kind === 'enterprises') return <Navigate to="/enterprise/profile" replace />;
  if (isStaff && !org('enterprise') && !org('provider')) return <Navigate to={`/admin/${kind}/${id}`} replace />;
  const portal = org('enterprise') ? 'enterprise' : 'provider';
  return <Navigate to={`/${portal}/${kind}/${id}`} replace />;
}

export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="search" element={<HomePage />} />
        <Route path="offerings/:id" element={<OfferingPage />} />
        <Route path="providers/:id" element={<ProviderPage />} />
        <Route path="programs" element={<ProgramsPage />} />
        <Route path="programs/:id" element={<ProgramPage />} />
        <Route path="statistics" element={<StatisticsPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
        <Route path="account/start" element={<RequireAuth><StartPage /></RequireAuth>} />
        <Route path="account/notifications" element={<RequireAuth><PreferencesPage /></RequireAuth>} />
        <Route
          path="enterprise/*"
          element={
            <RequireAuth>
              <EnterprisePortal />
            </RequireAuth>
          }
        />
        <Route
          path="provider/*"
          element={
            <RequireAuth>
              <ProviderPortal />
            </RequireAuth>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireAuth>
              <AdminConsole />
            </RequireAuth>
          }
        />
        <Route path="orders/:id" element={<RequireAuth><PortalLink kind="orders" /></RequireAuth>} />
        <Route path="claims/:id" element={<RequireAuth><PortalLink kind="claims" /></RequireAuth>} />
        <Route path="grants" element={<RequireAuth><PortalLink kind="grants" /></RequireAuth>} />
        <Route path="enterprises/:id" element={<RequireAuth><PortalLink kind="enterprises" /></RequireAuth>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
