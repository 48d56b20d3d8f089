import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';
import { LedgerVerifier } from './ledger-verifier.js';

/** The voucher ledger: imported by the vouchers module (programs, applications) built on it. */
@Module({ providers: [LedgerService, LedgerVerifier], exports: [LedgerService, LedgerVerifier] })
export class LedgerModule {}
