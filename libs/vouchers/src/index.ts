export * from './funding/funding-split.js';
export * from './subsidy/subsidy-calculator.js';
export * from './ledger/ledger-account.js';
export * from './ledger/ledger-moves.js';
export * from './ledger/ledger-errors.js';
export * from './ledger/ledger-transaction.entity.js';
export * from './ledger/ledger-entry.entity.js';
export * from './ledger/ledger-balance.entity.js';
export * from './ledger/ledger-hold.entity.js';
export * from './ledger/ledger-hold-part.entity.js';
export * from './ledger/ledger.service.js';
export * from './ledger/ledger-verifier.js';
export * from './ledger/ledger.sql.js';
export * from './ledger/ledger.module.js';

import { LedgerTransaction } from './ledger/ledger-transaction.entity.js';
import { LedgerEntry } from './ledger/ledger-entry.entity.js';
import { LedgerBalance } from './ledger/ledger-balance.entity.js';
import { LedgerHold } from './ledger/ledger-hold.entity.js';
import { LedgerHoldPart } from './ledger/ledger-hold-part.entity.js';
/** Tables this lib owns. */
export const VOUCHERS_ENTITIES = [LedgerTransaction, LedgerEntry, LedgerBalance, LedgerHold, LedgerHoldPart];
