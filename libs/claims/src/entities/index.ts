import { ClaimLine } from './claim-line.entity.js';
import { DisbursementBatch } from './disbursement-batch.entity.js';
import { DisbursementLine } from './disbursement-line.entity.js';
import { SubsidyClaim } from './subsidy-claim.entity.js';

export { ClaimLine, CLAIM_LINE_STATUSES, type ClaimLineStatus } from './claim-line.entity.js';
export { SubsidyClaim, type ClaimApproval, type ClaimEvidence } from './subsidy-claim.entity.js';
export { DisbursementBatch, BATCH_STATUSES, type BatchStatus } from './disbursement-batch.entity.js';
export { DisbursementLine, DISBURSEMENT_LINE_STATUSES, type DisbursementLineStatus } from './disbursement-line.entity.js';

export const CLAIM_ENTITIES = [SubsidyClaim, ClaimLine, DisbursementBatch, DisbursementLine];
