import { ApiProperty } from '@nestjs/swagger';
import { LEDGER_TRANSACTION_TYPES, type LedgerTransactionType } from '../../ledger/ledger-moves.js';

/** One posting of a ledger transaction (GET /admin/programs/:id/ledger). */
export class LedgerEntryViewDto {
  @ApiProperty({ format: 'uuid' }) transactionId!: string;
  @ApiProperty({ enum: LEDGER_TRANSACTION_TYPES }) type!: LedgerTransactionType;
  @ApiProperty({ example: 'order:0e3c…', description: 'What caused it (an order, claim, batch, application or program, often prefixed)' }) reference!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the system (sweeps, jobs)' }) actorId!: string | null;
  @ApiProperty({ example: 'pool:city' }) account!: string;
  @ApiProperty({ type: 'integer', description: 'Positive into the account, negative out of it' }) amountFen!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LedgerEntryPageDto {
  @ApiProperty({ type: [LedgerEntryViewDto] }) items!: LedgerEntryViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
