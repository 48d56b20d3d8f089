import { describeMachine } from '@innoserve/core/testing';
import { enterpriseNotVerified } from '../services/order-errors.js';
import { orderMachine, type OrderContext } from './order-state-machine.js';

const passing: OrderContext = {
  today: '2026-03-10',
  quoteValidUntil: '2026-03-24',
  partyProblem: null,
  reason: 'a reason',
  disputeUntil: '2026-03-24',
  automatic: false,
  refundFen: 100n,
  priceFen: 1000n,
};

describeMachine(orderMachine, {
  table: [
    'requested/quoted --quote (provider; partiesEligible)--> quoted',
    'requested --decline (provider; reasonGiven)--> declined',
    'quoted --accept (enterprise; quoteValid, partiesEligible)--> contracted',
    'quoted --reject (enterprise)--> cancelled',
    'contracted --confirm_payment (provider, system)--> paid',
    'paid --start (provider)--> in_progress',
    'in_progress --deliver (provider)--> delivered',
    'delivered --complete (enterprise, system; autoCompleteDue)--> completed',
    'delivered --dispute (enterprise; reasonGiven, withinDisputeWindow)--> disputed',
    'disputed --resolve_complete (program_officer; reasonGiven)--> completed',
    'disputed --resolve_refund (program_officer; reasonGiven, refundInRange)--> refunded',
    'requested/quoted/contracted/paid --cancel (enterprise, provider, system; reasonGiven)--> cancelled',
  ],
  context: passing,
  vetoes: [
    { guard: 'partiesEligible', from: 'requested', action: 'quote', context: { ...passing, partyProblem: enterpriseNotVerified() }, status: 422, code: 'ENTERPRISE_NOT_VERIFIED' },
    { guard: 'partiesEligible', from: 'quoted', action: 'accept', context: { ...passing, partyProblem: enterpriseNotVerified() }, status: 422, code: 'ENTERPRISE_NOT_VERIFIED' },
    { guard: 'quoteValid', from: 'quoted', action: 'accept', context: { ...passing, today: '2026-03-25' }, status: 409, code: 'QUOTE_EXPIRED' },
    { guard: 'reasonGiven', from: 'requested', action: 'decline', context: { ...passing, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'reasonGiven', from: 'paid', action: 'cancel', context: { ...passing, reason: null }, status: 400, code: 'VALIDATION_FAILED' },
    { guard: 'withinDisputeWindow', from: 'delivered', action: 'dispute', context: { ...passing, today: '2026-03-25' }, status: 409, code: 'DISPUTE_WINDOW_CLOSED' },
    { guard: 'autoCompleteDue', from: 'delivered', action: 'complete', context: { ...passing, automatic: true }, status: 409, code: 'AUTO_COMPLETE_NOT_DUE' },
    { guard: 'refundInRange', from: 'disputed', action: 'resolve_refund', context: { ...passing, refundFen: 1001n }, status: 422, code: 'REFUND_OUT_OF_RANGE' },
    { guard: 'refundInRange', from: 'disputed', action: 'resolve_refund', context: { ...passing, refundFen: 0n }, status: 422, code: 'REFUND_OUT_OF_RANGE' },
  ],
});

describe('the order machine after the contract', () => {
  it('has no party or eligibility guard on any step after accept: only a sanction stops a contracted order', () => {
    const after = orderMachine.rows.filter((r) => !['quote', 'accept', 'decline', 'reject'].includes(r.action));
    expect(after.flatMap((r) => r.guards ?? []).filter((g) => g === 'partiesEligible')).toEqual([]);
  });

  it('lets the enterprise complete on the last day and the worker only after it', () => {
    const last = { ...passing, today: '2026-03-24' };
    expect(orderMachine.transition('delivered', 'complete', ['enterprise'], last)).toBe('completed');
    expect(() => orderMachine.transition('delivered', 'complete', ['system'], { ...last, automatic: true })).toThrow(/may still accept/);
    expect(orderMachine.transition('delivered', 'complete', ['system'], { ...last, today: '2026-03-25', automatic: true })).toBe('completed');
  });
});
