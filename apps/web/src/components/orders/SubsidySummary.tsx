/**
 * SubsidySummary — price, voucher subsidy, the enterprise's own share and what is paid at checkout
 * (role-neutral: the enterprise sees it before accepting, the provider sees what it will be paid).
 *
 * Props:
 *  - `priceFen`: the contract or quote price (integer fen).
 *  - `subsidyFen`: what the voucher pays (fen).
 *  - `ownShareFen`: price − subsidy (fen).
 *  - `dueFen?`: paid to the provider at checkout (own share under 通兑, the full price under 通用).
 *  - `settlementMode?`: 'provider_redeems' (通兑) | 'enterprise_reimbursed' (通用) | null.
 *  - `capReason?` / `capReasonText?`: why a cap cut the subsidy (the API's code and its words); the
 *    code is localized, the API's words are the fallback.
 *  - `title?`: a heading over the summary.
 *  - `preview?`: true while the amounts are a preview (quoted), false once frozen in the contract.
 *
 * `subsidyOfOrder(order)` answers these props from an order (the preview while quoted, else the
 * contract), or null when the order has neither.
 */
import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Money } from '../Money';

export interface SubsidySummaryProps {
  priceFen: number;
  subsidyFen: number;
  ownShareFen: number;
  dueFen?: number | null;
  settlementMode?: 'provider_redeems' | 'enterprise_reimbursed' | null;
  capReason?: string | null;
  capReasonText?: string | null;
  title?: string;
  preview?: boolean;
}

export function subsidyOfOrder(order: Schemas['OrderViewDto']): SubsidySummaryProps | null {
  if (order.contract) {
    const c = order.contract;
    return { priceFen: c.priceFen, subsidyFen: c.subsidyFen, ownShareFen: c.priceFen - c.subsidyFen, dueFen: c.dueFen, settlementMode: c.dueFen === c.priceFen && c.subsidyFen > 0 ? 'enterprise_reimbursed' : c.subsidyFen > 0 ? 'provider_redeems' : null, preview: false };
  }
  if (order.subsidyPreview && order.quote) {
    const p = order.subsidyPreview;
    return { priceFen: order.quote.priceFen, subsidyFen: p.subsidyFen, ownShareFen: p.ownShareFen, dueFen: p.dueFen, settlementMode: p.settlementMode, capReason: p.capReason, capReasonText: p.capReasonText, preview: true };
  }
  return null;
}

export function SubsidySummary(props: SubsidySummaryProps) {
  const { t } = useTranslation('orders');
  const { priceFen, subsidyFen, ownShareFen, dueFen, settlementMode, capReason, capReasonText, title, preview } = props;
  const capText = capReason ? t(`capReason.${capReason}`, { defaultValue: capReasonText ?? capReason }) : null;
  return (
    <div className="subsidy-summary">
      {title ? <Typography.Title level={5}>{title}</Typography.Title> : null}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: '45%' } }}>
        <Descriptions.Item label={t('subsidy.price')}>
          <Money fen={priceFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('subsidy.subsidy')}>
          <Money fen={subsidyFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('subsidy.ownShare')}>
          <Money fen={ownShareFen} strong />
        </Descriptions.Item>
        {dueFen !== undefined && dueFen !== null ? (
          <Descriptions.Item label={t('subsidy.due')}>
            <Money fen={dueFen} strong />
          </Descriptions.Item>
        ) : null}
        {settlementMode ? (
          <Descriptions.Item label={t('subsidy.settlement')}>{t(`settlement.${settlementMode}`)}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {settlementMode === 'enterprise_reimbursed' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('subsidy.reimbursedHint')}</Typography.Paragraph>
      ) : null}
      {capText ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={capText} /> : null}
      {preview ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>{t('subsidy.previewHint')}</Typography.Paragraph>
      ) : null}
    </div>
  );
}
