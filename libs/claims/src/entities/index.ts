import { ClaimLine } from './claim-line.entity.js';
import { SubsidyClaim } from './subsidy-claim.entity.js';

export { ClaimLine, CLAIM_LINE_STATUSES, type ClaimLineStatus } from './claim-line.entity.js';
export { SubsidyClaim, type ClaimApproval, type ClaimEvidence } from './subsidy-claim.entity.js';

export const CLAIM_ENTITIES = [SubsidyClaim, ClaimLine];
