// The console's queues area: enterprise verification, provider admission, offering moderation and
// reviewed-mode applications, each a table (filters, sort and page in the URL; each item's waiting
// age) and a detail page with the decision. The console's shell grants each route by role; an
// object outside the staff member's jurisdiction answers 404 and shows the 404 page.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../../components/NotFound';
import { AdmissionDetail, AdmissionList } from './Admission';
import { ApplicationDetail, ApplicationList } from './Applications';
import { OfferingDetail, OfferingList } from './Offerings';
import { VerificationDetail, VerificationList } from './Verification';
import './queues.css';

export function VerificationRoutes() {
  return (
    <div className="queues-page">
      <Routes>
        <Route index element={<VerificationList />} />
        <Route path=":id" element={<VerificationDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function AdmissionRoutes() {
  return (
    <div className="queues-page">
      <Routes>
        <Route index element={<AdmissionList />} />
        <Route path=":id" element={<AdmissionDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function OfferingRoutes() {
  return (
    <div className="queues-page">
      <Routes>
        <Route index element={<OfferingList />} />
        <Route path=":id" element={<OfferingDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}

export function ApplicationRoutes() {
  return (
    <div className="queues-page">
      <Routes>
        <Route index element={<ApplicationList />} />
        <Route path=":id" element={<ApplicationDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
