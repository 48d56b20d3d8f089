import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError, shanghaiDate, type Fen } from '@innoserve/core';
import { refusalOf, type SqlParams } from '@innoserve/database';
import { OrganizationsService } from '@innoserve/organizations';
import { providerCapReached } from './program-errors.js';
import { groupCapOf } from './program-rules.js';
import { VoucherProgram } from './program.entity.js';

/**
 * Locks a group's cap usage row (if it exists) in the caller's transaction. Every path that moves
 * both a group's usage and the pools locks the usage row first and the pool rows after (the grant
 * statements do, in that order), so two such transactions never deadlock on each other.
 */
export async function lockGroupUsage(m: EntityManager, programId: string, groupKey: string): Promise<void> {
  await m.query('SELECT 1 FROM voucher_group_cap_usage WHERE program_id = $1 AND group_key = $2 FOR UPDATE', [programId, groupKey]);
}

export interface ProviderCapInput {
  programId: string;
  providerId: string;
  amountFen: Fen;
  /** The program's provider cap when the caller has read the program already (null: no cap). */
  capFen?: Fen | null;
}

/**
 * The counters behind the caps (docs/product.md "Caps"): group usage of the enterprise cap (grants −
 * lapsed − voided) and provider usage of the provider cap (holds − releases − forfeits), one row
 * per (program, group) / (program, provider), changed in the caller's transaction.
 */
@Injectable()
export class ProgramCapsService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  /** The group's cap: the highest any member qualifies for (the high-tech cap when one holds an unexpired certificate). */
  async groupCapFen(m: EntityManager, program: VoucherProgram, groupKey: string): Promise<Fen> {
    if (program.highTechAnnualCapFen === null) return program.enterpriseAnnualCapFen;
    const members = await this.organizations.findMany(await this.organizations.groupMemberIds(groupKey, m), m);
    return groupCapOf(program, [...members.values()].map((o) => o.enterprise), shanghaiDate(this.clock.now()));
  }

  /** Locks the group's counter row (creating it) and answers what it has used. */
  async lockGroupUsage(m: EntityManager, programId: string, groupKey: string): Promise<Fen> {
    // one statement: creates the row or locks the existing one (DO UPDATE takes the row lock) and reads it
    const rows = await m.query<{ used_fen: string }[]>(
      `INSERT INTO voucher_group_cap_usage (id, program_id, group_key, used_fen) VALUES (gen_random_uuid(), $1, $2, 0)
       ON CONFLICT (program_id, group_key) DO UPDATE SET used_fen = voucher_group_cap_usage.used_fen
       RETURNING used_fen::text AS used_fen`,
      [programId, groupKey],
    );
    return BigInt(rows[0].used_fen);
  }

  /** Adds to (or, negative, takes from) the group's usage, never above the cap nor below 0 (conditional update). */
  async addGroupUsage(m: EntityManager, programId: string, groupKey: string, deltaFen: Fen, capFen: Fen | null): Promise<boolean> {
    const [, affected] = await m.query<[unknown, number]>(
      `UPDATE voucher_group_cap_usage SET used_fen = used_fen + $3
        WHERE program_id = $1 AND group_key = $2 AND used_fen + $3 >= 0 AND ($4::bigint IS NULL OR used_fen + $3 <= $4::bigint)`,
      [programId, groupKey, deltaFen.toString(), capFen === null ? null : capFen.toString()],
    );
    return affected > 0;
  }

  /** What a group has used of a program's cap (0 when nothing yet). */
  async groupUsage(m: EntityManager, programId: string, groupKey: string): Promise<Fen> {
    const rows = await m.query<{ used_fen: string }[]>('SELECT used_fen::text AS used_fen FROM voucher_group_cap_usage WHERE program_id = $1 AND group_key = $2', [
      programId,
      groupKey,
    ]);
    return rows[0] ? BigInt(rows[0].used_fen) : 0n;
  }

  /** What the provider may still take in holds in the program; null when the program has no provider cap. */
  async providerCapRemaining(m: EntityManager, programId: string, providerId: string): Promise<Fen | null> {
    const program = await this.program(m, programId);
    if (program.providerAnnualCapFen === null) return null;
    const rows = await m.query<{ used_fen: string }[]>(
      'SELECT used_fen::text AS used_fen FROM voucher_provider_cap_usage WHERE program_id = $1 AND provider_id = $2',
      [programId, providerId],
    );
    const left = program.providerAnnualCapFen - (rows[0] ? BigInt(rows[0].used_fen) : 0n);
    return left > 0n ? left : 0n;
  }

  /**
   * Counts a hold against the provider's cap, in the transaction of the hold: one conditional
   * upsert, so concurrent holds never push usage past the cap (409 PROVIDER_CAP_REACHED), and the
   * row is locked only from this statement to the commit — callers make it their last write.
   */
  async reserveProviderCap(m: EntityManager, input: ProviderCapInput): Promise<void> {
    if (input.amountFen <= 0n) throw new RangeError('amount must be positive');
    const cap = input.capFen !== undefined ? input.capFen : (await this.program(m, input.programId)).providerAnnualCapFen;
    const rows = await m.query<{ used_fen: string }[]>(
      `INSERT INTO voucher_provider_cap_usage (id, program_id, provider_id, used_fen)
       SELECT gen_random_uuid(), $1, $2, $3::bigint WHERE $4::bigint IS NULL OR $3::bigint <= $4::bigint
       ON CONFLICT (program_id, provider_id) DO UPDATE SET used_fen = voucher_provider_cap_usage.used_fen + EXCLUDED.used_fen
        WHERE $4::bigint IS NULL OR voucher_provider_cap_usage.used_fen + EXCLUDED.used_fen <= $4::bigint
       RETURNING used_fen::text AS used_fen`,
      [input.programId, input.providerId, input.amountFen.toString(), cap === null ? null : cap.toString()],
    );
    if (rows.length === 0) throw providerCapReached();
  }

  /**
   * `reserveProviderCap` as a CTE of the caller's statement (its last, so the cap row is locked only
   * from there to the commit). A refused reservation fails the statement itself
   * (`innoserve_refuse_unless`), so nothing of it stays even when its COMMIT travels with it
   * (TransactionRunner.commitWith); `refused` maps that failure to 409 PROVIDER_CAP_REACHED.
   */
  reserveProviderCapCte(p: SqlParams, input: ProviderCapInput & { capFen: Fen | null }): { ctes: string[]; select: string; refused: (e: unknown) => Error | null } {
    if (input.amountFen <= 0n) throw new RangeError('amount must be positive');
    const amount = p.add(input.amountFen.toString(), 'bigint');
    const cap = p.add(input.capFen === null ? null : input.capFen.toString(), 'bigint');
    return {
      ctes: [`provider_cap AS (
        INSERT INTO voucher_provider_cap_usage (id, program_id, provider_id, used_fen)
        SELECT gen_random_uuid(), ${p.add(input.programId, 'uuid')}, ${p.add(input.providerId, 'uuid')}, ${amount} WHERE ${cap} IS NULL OR ${amount} <= ${cap}
        ON CONFLICT (program_id, provider_id) DO UPDATE SET used_fen = voucher_provider_cap_usage.used_fen + EXCLUDED.used_fen
         WHERE ${cap} IS NULL OR voucher_provider_cap_usage.used_fen + EXCLUDED.used_fen <= ${cap}
        RETURNING 1)`],
      select: `innoserve_refuse_unless(EXISTS (SELECT 1 FROM provider_cap), 'PROVIDER_CAP_REACHED') AS provider_cap_reserved`,
      refused: (e) => (refusalOf(e)?.code === 'PROVIDER_CAP_REACHED' ? providerCapReached() : null),
    };
  }

  /** Gives back provider usage on a release or forfeit (never below 0). */
  async releaseProviderCap(m: EntityManager, input: ProviderCapInput): Promise<void> {
    if (input.amountFen <= 0n) throw new RangeError('amount must be positive');
    await m.query(
      `UPDATE voucher_provider_cap_usage SET used_fen = GREATEST(used_fen - $3, 0) WHERE program_id = $1 AND provider_id = $2`,
      [input.programId, input.providerId, input.amountFen.toString()],
    );
  }

  private async program(m: EntityManager, programId: string): Promise<VoucherProgram> {
    const p = await m.findOne(VoucherProgram, { where: { id: programId } });
    if (!p) throw new NotFoundError('program');
    return p;
  }
}
