// The console's claims area: the reviewers' queue (/admin/claims), a claim's review with its
// evidence, risk flags and decision (/admin/claims/:id), and the staff view of an order
// (/admin/orders/:id) with the dispute resolution for program officers.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/RequireAuth';
import { ClaimQueuePage } from './ClaimQueuePage';
import { ClaimReviewPage } from './ClaimReviewPage';
import { StaffOrderPage } from './StaffOrderPage';
import './claims.css';

export function ClaimRoutes() {
  return (
    <Routes>
      <Route index element={<ClaimQueuePage />} />
      <Route path=":id" element={<ClaimReviewPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function OrderRoutes() {
  return (
    <Routes>
      <Route path=":id" element={<StaffOrderPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
