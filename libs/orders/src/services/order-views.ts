import { Money } from '@innoserve/core';
import { CAP_REASON_TEXT, type SubsidyPreview } from '@innoserve/vouchers';
import type { Payment, PaymentRefund } from '@innoserve/payments';
import type { OrderHistoryEntryDto, OrderViewDto, PaymentViewDto, RefundViewDto, SubsidyPreviewDto } from '../dto/order-view.dto.js';
import type { ServiceOrder } from '../entities/service-order.entity.js';

export type OrderView = OrderViewDto;
export type OrderHistoryEntry = OrderHistoryEntryDto;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const num = (v: bigint): number => Money.toJson(v);

export function previewView(p: SubsidyPreview): SubsidyPreviewDto {
  return {
    subsidyFen: num(p.subsidyFen),
    ownShareFen: num(p.ownShareFen),
    grantId: p.grantId,
    programId: p.programId,
    settlementMode: p.settlementMode,
    dueFen: num(p.settlementMode === 'enterprise_reimbursed' ? p.priceFen : p.ownShareFen),
    capReason: p.capReason,
    capReasonText: p.capReason ? CAP_REASON_TEXT[p.capReason].zh : null,
    capReasonTextEn: p.capReason ? CAP_REASON_TEXT[p.capReason].en : null,
  };
}

export function paymentView(p: Payment, opts: { secret: boolean }): PaymentViewDto {
  return {
    id: p.id,
    method: p.method,
    status: p.status,
    amountFen: num(p.amountFen),
    reference: p.reference,
    payee: p.payee,
    clientSecret: opts.secret && p.status === 'pending' ? p.clientSecret : null,
    lastError: p.status === 'initiating' ? p.lastError : null,
    succeededAt: iso(p.succeededAt),
    contestedAt: iso(p.contestedAt),
    contestReason: p.contestReason,
    reversedFen: num(p.reversedFen),
  };
}

export function refundView(r: PaymentRefund): RefundViewDto {
  return { id: r.id, paymentId: r.paymentId, method: r.method, status: r.status, amountFen: num(r.amountFen), reason: r.reason, succeededAt: iso(r.succeededAt) };
}

export function toOrderView(
  o: ServiceOrder,
  x: { preview: SubsidyPreview | null; history?: OrderHistoryEntry[]; payments: Payment[]; refunds: PaymentRefund[]; staff: boolean; enterpriseMember: boolean },
): OrderView {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    version: Number(o.version),
    enterpriseId: o.enterpriseId,
    providerId: o.providerId,
    offeringId: o.offeringId,
    offeringTitle: o.offeringTitle,
    categoryId: o.categoryId,
    pricingKind: o.pricingKind,
    quantity: o.quantity,
    requirements: o.requirements,
    quote:
      o.priceFen !== null && o.quoteValidUntil !== null
        ? { quoteVersion: o.quoteVersion, priceFen: num(o.priceFen), scope: o.scope ?? '', leadTimeDays: o.leadTimeDays ?? 0, validUntil: o.quoteValidUntil }
        : null,
    subsidyPreview: x.preview ? previewView(x.preview) : null,
    contract: o.contract
      ? {
          contractNo: o.contract.contractNo,
          contractType: o.contract.contractType,
          registrationNo: o.contractRegistrationNo,
          signedAt: o.contract.signedAt,
          priceFen: num(BigInt(o.contract.priceFen)),
          subsidyFen: num(o.subsidyFen),
          ownShareFen: num(BigInt(o.contract.ownShareFen)),
          dueFen: num(o.dueFen),
          grantId: o.grantId,
          programId: o.programId,
          settlementMode: o.settlementMode,
          documentUrl: `/api/v1/orders/${o.id}/contract`,
        }
      : null,
    payments: x.payments.map((p) => paymentView(p, { secret: x.enterpriseMember })),
    refunds: x.refunds.map(refundView),
    deliveryReportFileId: o.deliveryReportFileId,
    deliveryNote: o.deliveryNote,
    dueOn: o.dueOn,
    disputeReason: o.disputeReason,
    closeReason: o.closeReason,
    refundFen: num(o.refundFen),
    subsidyReleasedFen: num(o.subsidyReleasedFen),
    flags: x.staff ? o.flags : [],
    contractedAt: iso(o.contractedAt),
    paidAt: iso(o.paidAt),
    startedAt: iso(o.startedAt),
    deliveredAt: iso(o.deliveredAt),
    completedAt: iso(o.completedAt),
    closedAt: iso(o.closedAt),
    ...(x.history ? { history: x.history } : {}),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
