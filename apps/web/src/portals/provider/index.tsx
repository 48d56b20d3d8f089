import { Skeleton } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth/auth';
import { NotFound } from '../../components/RequireAuth';
import { AdmissionPage } from './AdmissionPage';
import { ApplyPage } from './ApplyPage';
import { ClaimNewPage, ClaimPage } from './ClaimPage';
import { ClaimsPage } from './ClaimsPage';
import { OfferingEditPage } from './OfferingEditPage';
import { OfferingsPage } from './OfferingsPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { ProviderNav } from './ProviderNav';
import { useProvider } from './reference';
import './provider.css';

/**
 * The provider portal, mounted at /provider/*. Without a provider organization the user sees the
 * admission application; otherwise the portal's navigation and pages (relative routes).
 */
export default function ProviderPortal() {
  const { org } = useAuth();
  const membership = org('provider');
  const provider = useProvider(membership?.organizationId);
  if (!membership)
    return (
      <div className="provider-portal">
        <ApplyPage />
      </div>
    );
  if (provider.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  const admitted = provider.data?.admissionStatus === 'admitted';
  return (
    <div className="provider-portal">
      <ProviderNav />
      <Routes>
        <Route index element={<Navigate to={admitted ? 'orders' : 'admission'} replace />} />
        <Route path="admission" element={<AdmissionPage />} />
        <Route path="offerings" element={<OfferingsPage />} />
        <Route path="offerings/:id" element={<OfferingEditPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="claims" element={<ClaimsPage />} />
        <Route path="claims/new" element={<ClaimNewPage />} />
        <Route path="claims/:id" element={<ClaimPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
