import { ClaimLine } from './claim-line.entity.js';
import { ClaimReviewStep } from './claim-review-step.entity.js';
import { DisbursementBatch } from './disbursement-batch.entity.js';
import { DisbursementLine } from './disbursement-line.entity.js';
import { SubsidyClaim } from './subsidy-claim.entity.js';
import { Sanction, SanctionRepayment } from './sanction.entity.js';

export { ClaimReviewStep } from './claim-review-step.entity.js';
export { ClaimLine, CLAIM_LINE_STATUSES, type ClaimLineStatus } from './claim-line.entity.js';
export { SubsidyClaim, type ClaimApproval, type ClaimEvidence } from './subsidy-claim.entity.js';
export { DisbursementBatch, BATCH_STATUSES, type BatchStatus } from './disbursement-batch.entity.js';
export { DisbursementLine, DISBURSEMENT_LINE_STATUSES, type DisbursementLineStatus } from './disbursement-line.entity.js';

export { Sanction, SanctionRepayment, SANCTION_KINDS, type SanctionKind, type SanctionPart, type SanctionEffects } from './sanction.entity.js';

export const CLAIM_ENTITIES = [SubsidyClaim, ClaimLine, DisbursementBatch, DisbursementLine, Sanction, SanctionRepayment, ClaimReviewStep];
