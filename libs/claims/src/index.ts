export * from './entities/index.js';
export * from './domain/claim-state-machine.js';
export * from './risk/risk-rule.js';
export * from './services/claim-errors.js';

import { CLAIM_ENTITIES } from './entities/index.js';
/** Tables this lib owns. */
export const CLAIMS_ENTITIES = [...CLAIM_ENTITIES];
