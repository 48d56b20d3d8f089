export * from './entities/index.js';
export * from './domain/claim-state-machine.js';
export * from './risk/risk-rule.js';
export * from './services/claim-errors.js';

export * from './risk/risk-engine.js';
export { RelatedPartyRule, RELATED_PARTY_HUB_OTHERS, type RelatedPartyLinkKind } from './risk/rules/related-party.rule.js';
export { DuplicateInvoiceRule } from './risk/rules/duplicate-invoice.rule.js';
export { SplitOrdersRule } from './risk/rules/split-orders.rule.js';
export { PriceOutlierRule } from './risk/rules/price-outlier.rule.js';
export { PriceAtCapRule } from './risk/rules/price-at-cap.rule.js';
export { RoundTripRule } from './risk/rules/round-trip.rule.js';
export { FastDeliveryRule } from './risk/rules/fast-delivery.rule.js';
export { ProviderConcentrationRule } from './risk/rules/provider-concentration.rule.js';
export { BackdatingRule, type BackdatingFinding } from './risk/rules/backdating.rule.js';

import { CLAIM_ENTITIES } from './entities/index.js';
/** Tables this lib owns. */
export const CLAIMS_ENTITIES = [...CLAIM_ENTITIES];
export * from './services/claim-ports.js';
export * from './services/claim-views.js';
export { REVIEW_STEP_INSERT_SQL, REVIEW_STEPS_FROM_AUDIT_SQL, REVIEW_STREAM_ACTIONS, REVIEW_DECISION_ACTIONS } from './services/review-steps.js';
export { ClaimsService, CLAIM_STAFF_ROLES, type NewClaim, type ClaimEdits, type ClaimDecisionInput } from './services/claims.service.js';
export { ClaimsModule } from './claims.module.js';
export { DisbursementsService, DISBURSEMENT_ROLES, toBatchView, type BatchView, type MarkPaidInput, type SkipReason } from './services/disbursements.service.js';
export { BANK_FILE_COLUMNS, bankCsv, bankXlsx, yuanOf } from './services/bank-file.js';
export { ClaimSweeps, RETURNED_CLAIM_EXPIRY_DAYS } from './services/claim-sweeps.js';
export { ClaimsWorkerModule } from './claims-worker.module.js';
export { SanctionsService, SANCTION_ROLES, proportional, toSanctionView, type NewSanction, type SanctionView, type ListedSanctionView } from './services/sanctions.service.js';
