// The enterprise portal (/enterprise/*): an SME buying technology services with vouchers.
// Without an enterprise organization the user sees the registration (onboarding) instead.
import { lazy, Suspense, useState } from 'react';
import { Menu, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../../auth/auth';
import { NotFound } from '../../components/RequireAuth';
import { OnboardingPage } from './OnboardingPage';
import { OverviewPage } from './OverviewPage';
import { EnterpriseContext, rememberEnterprise, storedEnterprise } from './data';
import './enterprise.css';

const OrdersPage = lazy(() => import('./OrdersPage'));
const NewOrderPage = lazy(() => import('./NewOrderPage'));
const OrderDetailPage = lazy(() => import('./OrderDetailPage'));
const ComparePage = lazy(() => import('./ComparePage'));
const ProgramsPage = lazy(() => import('./ProgramsPage'));
const WalletPage = lazy(() => import('./WalletPage'));
const ProfilePage = lazy(() => import('./ProfilePage'));
const ClaimsPage = lazy(() => import('./ClaimsPage'));
const ClaimDetailPage = lazy(() => import('./ClaimDetailPage'));
const NewClaimPage = lazy(() => import('./NewClaimPage'));

const SECTIONS = ['orders', 'programs', 'wallet', 'claims', 'profile'] as const;

function PortalNav() {
  const { t } = useTranslation('enterprise');
  const { pathname } = useLocation();
  const section = /^\/enterprise\/([^/]+)/.exec(pathname)?.[1];
  const selected = section && (SECTIONS as readonly string[]).includes(section) ? section : 'overview';
  const items = [
    { key: 'overview', label: <Link to="/enterprise">{t('nav.overview')}</Link> },
    ...SECTIONS.map((s) => ({ key: s, label: <Link to={`/enterprise/${s}`}>{t(`nav.${s}`)}</Link> })),
  ];
  return (
    <nav aria-label={t('nav.label')} className="enterprise-nav">
      <Menu mode="horizontal" selectedKeys={[selected]} items={items} />
    </nav>
  );
}

export default function EnterprisePortal() {
  const { t } = useTranslation('enterprise');
  const { org, me } = useAuth();
  const enterprises = (me?.memberships ?? []).filter((m) => m.profiles.includes('enterprise'));
  const [chosen, setChosen] = useState<string | null>(() => (me ? storedEnterprise(me.user.id) : null));
  const membership = enterprises.find((m) => m.organizationId === chosen) ?? org('enterprise');
  if (!membership) {
    return (
      <div className="enterprise-portal">
        <OnboardingPage />
      </div>
    );
  }
  return (
    <EnterpriseContext.Provider value={membership.organizationId}>
      <div className="enterprise-portal">
        {enterprises.length > 1 ? (
          <Space wrap className="enterprise-org-name">
            <Typography.Text type="secondary">{t('portal.title')}</Typography.Text>
            <Select
              size="small"
              aria-label={t('portal.switch')}
              value={membership.organizationId}
              popupMatchSelectWidth={false}
              style={{ maxWidth: '100%' }}
              onChange={(id: string) => {
                if (me) rememberEnterprise(me.user.id, id);
                setChosen(id);
              }}
              options={enterprises.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
            />
          </Space>
        ) : (
          <Typography.Text type="secondary" className="enterprise-org-name">
            {t('portal.title')} · {membership.organizationName}
          </Typography.Text>
        )}
        <PortalNav />
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Routes>
            <Route index element={<OverviewPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="orders/new" element={<NewOrderPage />} />
            <Route path="orders/compare" element={<ComparePage />} />
            <Route path="orders/:id" element={<OrderDetailPage />} />
            <Route path="programs" element={<ProgramsPage />} />
            <Route path="wallet" element={<WalletPage />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="claims" element={<ClaimsPage />} />
            <Route path="claims/new" element={<NewClaimPage />} />
            <Route path="claims/:id" element={<ClaimDetailPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </div>
    </EnterpriseContext.Provider>
  );
}
