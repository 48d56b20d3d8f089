import type { ReactNode } from 'react';
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/auth';

/**
 * Sends a signed-out visitor to the login page (and back afterwards). The portals themselves show
 * their onboarding (register the enterprise, apply for admission) to a user without that organization.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { ready, me } = useAuth();
  const location = useLocation();
  if (!ready) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('states.notFound')} />;
}
