export * from './entities/index.js';
export * from './domain/claim-state-machine.js';
export * from './risk/risk-rule.js';
export * from './services/claim-errors.js';

import { CLAIM_ENTITIES } from './entities/index.js';
/** Tables this lib owns. */
export const CLAIMS_ENTITIES = [...CLAIM_ENTITIES];
export * from './services/claim-ports.js';
export * from './services/claim-views.js';
export { ClaimsService, CLAIM_STAFF_ROLES, type NewClaim, type ClaimEdits, type ClaimDecisionInput } from './services/claims.service.js';
export { ClaimsModule } from './claims.module.js';
export { DisbursementsService, DISBURSEMENT_ROLES, toBatchView, type BatchView, type MarkPaidInput, type SkipReason } from './services/disbursements.service.js';
export { BANK_FILE_COLUMNS, bankCsv, bankXlsx, yuanOf } from './services/bank-file.js';
export { ClaimSweeps, RETURNED_CLAIM_EXPIRY_DAYS } from './services/claim-sweeps.js';
export { ClaimsWorkerModule } from './claims-worker.module.js';
