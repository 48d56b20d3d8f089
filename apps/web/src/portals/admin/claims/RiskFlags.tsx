// A claim's risk flags as staff read them: the rule in words, its severity, what the rule saw (the
// evidence, with amounts as money and other orders, claims and organizations as links), and the
// links to the claim's own order and parties.
import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../../components/Money';
import { formatBps } from '../../../lib/money';
import { DateTime } from '../common';
import { SeverityTag, type Claim, type RiskFlag } from './shared';
import { listSep } from '../../../lib/text';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ORG_KEYS = new Set(['organizationId', 'enterpriseId', 'providerId']);

function Evidence({ value, siblings, name }: { value: unknown; siblings?: Record<string, unknown>; name?: string }): ReactNode {
  const { t } = useTranslation('adminClaims');
  if (value === null || value === undefined || value === '') return '—';
  if (name && /Fen$/.test(name) && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) return <Money fen={Number(value)} />;
  if (name && /Bp$/.test(name) && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) return formatBps(Number(value));
  if (name === 'orderId' && typeof value === 'string') return <Link to={`/admin/orders/${value}`}>{typeof siblings?.orderNo === 'string' ? siblings.orderNo : t('flags.openOrder')}</Link>;
  if (name === 'claimId' && typeof value === 'string') return <Link to={`/admin/claims/${value}`}>{typeof siblings?.claimNo === 'string' ? siblings.claimNo : t('flags.openClaim')}</Link>;
  if (name && ORG_KEYS.has(name) && typeof value === 'string') return <Link to={`/admin/organizations/${value}`}>{typeof siblings?.name === 'string' ? siblings.name : t('flags.openOrganization')}</Link>;
  if (typeof value === 'string' && ISO_TIME.test(value)) return <DateTime value={value} />;
  if (typeof value === 'boolean') return value ? t('ev.yes') : t('ev.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => t(`evValue.${String(v)}`, { defaultValue: String(v) })).join(listSep());
    return (
      <ol className="admin-claims-evidence-list">
        {value.map((v, i) => (
          <li key={i}>
            <Evidence value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // the numbers and names that only label a link are shown by it
    const hidden = new Set<string>([...(obj.orderId ? ['orderNo'] : []), ...(obj.claimId ? ['claimNo'] : [])]);
    return (
      <Descriptions size="small" column={1} bordered className="admin-claims-evidence">
        {Object.entries(obj)
          .filter(([k]) => !hidden.has(k))
          .map(([k, v]) => (
            <Descriptions.Item key={k} label={t(`ev.${k}`, { defaultValue: k })}>
              <Evidence value={v} name={k} siblings={obj} />
            </Descriptions.Item>
          ))}
      </Descriptions>
    );
  }
  return t(`evValue.${String(value)}`, { defaultValue: String(value) });
}

export function RiskFlags({ claim: c, names }: { claim: Claim; names: { enterprise?: string; provider?: string } }) {
  const { t } = useTranslation('adminClaims');
  const flags: RiskFlag[] = c.riskFlags ?? [];
  return (
    <Card
      size="small"
      title={t('flags.title', { count: flags.length })}
      data-testid="risk-flags"
      extra={
        <Space wrap size={12}>
          <Link to={`/admin/orders/${c.orderId}`}>{t('flags.relatedOrder')}</Link>
          <Link to={`/admin/organizations/${c.enterpriseId}`}>{t('flags.relatedEnterprise', { name: names.enterprise ?? '' })}</Link>
          <Link to={`/admin/organizations/${c.providerId}`}>{t('flags.relatedProvider', { name: names.provider ?? '' })}</Link>
        </Space>
      }
    >
      {flags.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flags.none')} />
      ) : (
        <List
          dataSource={flags}
          renderItem={(f) => (
            <List.Item key={f.rule} style={{ display: 'block' }} className={`admin-claims-flag severity-${f.severity}`}>
              <Space wrap size={8}>
                <SeverityTag severity={f.severity}>{t('flags.severity', { severity: t(`severity.${f.severity}`) })}</SeverityTag>
                <Typography.Text strong>{t(`rule.${f.rule}`, { defaultValue: f.rule })}</Typography.Text>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                {t(`ruleHelp.${f.rule}`, { defaultValue: '' })}
              </Typography.Paragraph>
              <Evidence value={f.evidence} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
