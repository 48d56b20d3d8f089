// The console's claims area: the reviewers' queue (/admin/claims), a claim's review with its
// evidence, risk flags and decision (/admin/claims/:id), and the staff view of an order
// (/admin/orders/:id) with the dispute resolution for program officers.
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Route, Routes, useLocation, useSearchParams } from 'react-router';
import i18n from '../../../i18n';
import { NotFound } from '../../../components/RequireAuth';
import { ClaimQueuePage } from './ClaimQueuePage';
import { fetchQueue, queueKey, queueQueryOf } from './shared';
import './claims.css';

// the queue is the landing page and comes with the area; the review and the order view (forms,
// dialogs, the order components) are chunks of their own, fetched when the queue has painted
const ClaimReviewPage = lazy(() => import('./ClaimReviewPage').then((m) => ({ default: m.ClaimReviewPage })));
const StaffOrderPage = lazy(() => import('./StaffOrderPage').then((m) => ({ default: m.StaffOrderPage })));
const page = (el: ReactNode) => <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} />}>{el}</Suspense>;

// the area's words load with its code, not after its first page asks for them
void i18n.loadNamespaces(['adminClaims']);

export function ClaimRoutes() {
  const qc = useQueryClient();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  // the queue's first page is asked for at once, while the page's words may still be loading
  // (the page then finds it in the cache: one request, no waterfall)
  if (/^\/admin\/claims\/?$/.test(pathname)) {
    const q = queueQueryOf((k) => params.get(k));
    void qc.prefetchQuery({ queryKey: queueKey(q), queryFn: () => fetchQueue(q), staleTime: 5_000 });
  }
  return (
    <Routes>
      <Route index element={<ClaimQueuePage />} />
      <Route path=":id" element={page(<ClaimReviewPage />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function OrderRoutes() {
  return (
    <Routes>
      <Route path=":id" element={page(<StaffOrderPage />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
