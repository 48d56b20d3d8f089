import type { ReactNode } from 'react';
import { Skeleton } from 'antd';
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

// the 404 page (antd's Result) is its own chunk: the home page's first bundle does without it
export { NotFound } from './NotFound';
