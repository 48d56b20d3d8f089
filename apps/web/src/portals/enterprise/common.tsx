// Small pieces the enterprise pages share.
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Enterprise } from './data';

const STATUS_COLORS: Record<Enterprise['status'], string> = { pending: 'processing', verified: 'success', rejected: 'error', suspended: 'warning' };

export function VerificationTag({ status }: { status: Enterprise['status'] }) {
  const { t } = useTranslation('enterprise');
  return <Tag color={STATUS_COLORS[status]}>{t(`verification.${status}`)}</Tag>;
}

/** A banner when the enterprise cannot buy yet (pending, rejected, suspended). */
export function VerificationBanner({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation('enterprise');
  if (enterprise.status === 'verified') return null;
  const type = enterprise.status === 'pending' ? 'info' : 'warning';
  const reason = enterprise.status === 'rejected' ? enterprise.rejectionReason : enterprise.status === 'suspended' ? enterprise.suspensionReason : null;
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 16 }}
      title={t(`verification.banner.${enterprise.status}`)}
      description={reason ? t('verification.reason', { reason }) : undefined}
    />
  );
}
