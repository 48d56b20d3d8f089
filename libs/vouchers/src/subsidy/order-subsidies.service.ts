/**
 * The subsidy of an order, from the preview the enterprise sees to the end of the hold
 * (docs/product.md "Money rules": Subsidy of an order, Which grant pays, Refund R). The orders lib
 * calls only this service for voucher money: it picks the grant, computes the subsidy under the
 * same locks the hold takes, holds it (provider cap counted), and ends a hold — every end (cancel,
 * dispute refund, claim rejection, deadline sweep, sanction) goes through `endHold`.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessRuleError, Clock, msg, shanghaiDate, type Fen } from '@innoserve/core';
import { ReferenceService } from '@innoserve/reference';
import { LedgerService } from '../ledger/ledger.service.js';
import { VoucherGrant } from '../programs/grant.entity.js';
import { lockGroupUsage, ProgramCapsService } from '../programs/program-caps.service.js';
import { deepestRule, ruleSubsidizes } from '../programs/program-coverage.js';
import { VoucherProgram } from '../programs/program.entity.js';
import type { SettlementMode, SubsidyRule } from '../programs/program-types.js';
import type { SqlParams } from '@innoserve/database';
import { SubsidyCalculator, type SubsidyLimit } from './subsidy-calculator.js';

/** Why the subsidy is below floor(price × ratio), in the words of the API (`capReason`). */
export type CapReason = 'no_grant' | 'per_order_cap' | 'grant_balance' | 'provider_cap';

export const CAP_REASON_TEXT: Readonly<Record<CapReason, { zh: string; en: string }>> = {
  no_grant: { zh: '没有可用于该服务的创新券额度，需全额自付。', en: 'No grant covers this service: the full price is due.' },
  per_order_cap: { zh: '补贴已达该类服务的单笔上限。', en: 'The subsidy is limited by the per-order cap of this category.' },
  grant_balance: { zh: '补贴受创新券可用余额限制。', en: 'The subsidy is limited by what is left on the grant.' },
  provider_cap: { zh: '该服务机构本年度的补贴额度已用完或将用完。', en: "The provider's annual subsidy cap in this program is (nearly) used up." },
};

export interface SubsidyPreview {
  priceFen: Fen;
  subsidyFen: Fen;
  ownShareFen: Fen;
  grantId: string | null;
  programId: string | null;
  settlementMode: SettlementMode | null;
  ratioBp: number;
  capReason: CapReason | null;
  /** The funding sources in the program's order (for the hold's leftover-fen tie). */
  sourceOrder: string[];
  programName: string | null;
  /** The program's provider cap (null: none), so the hold need not read the program again. */
  providerCapFen: Fen | null;
  /** The applying rule's cap per order, for the computation under lock (`chooseFrom`). */
  perOrderCapFen: Fen | null;
}

/** The grant, program and rule that pay for an order, before the amounts are computed under lock. */
type SubsidyPreviewBasis = Omit<SubsidyPreview, 'subsidyFen' | 'ownShareFen' | 'capReason'> & { grantId: string; programId: string };

interface ChoiceRow {
  id: string;
  program_id: string;
  enterprise_id: string;
  status: string;
  expires_on: string;
  voided: boolean;
  name: string;
  settlement_mode: SettlementMode;
  funding_sources: { key: string }[];
  subsidy_rules: SubsidyRule[];
  provider_annual_cap_fen: string | null;
  available: { source: string; balance: string }[] | null;
  used: string | null;
}

function basisOf(g: ChoiceRow, rule: SubsidyRule, priceFen: Fen): SubsidyPreviewBasis {
  return {
    priceFen,
    grantId: g.id,
    programId: g.program_id,
    settlementMode: g.settlement_mode,
    ratioBp: rule.ratioBp,
    sourceOrder: g.funding_sources.map((f) => f.key),
    programName: g.name,
    providerCapFen: g.provider_annual_cap_fen === null ? null : BigInt(g.provider_annual_cap_fen),
    perOrderCapFen: BigInt(rule.perOrderCapFen),
  };
}

const isUuidLike = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface PreviewInput {
  enterpriseId: string;
  providerId: string;
  categoryId: string;
  priceFen: Fen;
  /** The grant the enterprise names; otherwise the active covering grant that expires first. */
  grantId?: string | null;
}

export interface OrderHoldInput {
  orderId: string;
  providerId: string;
  preview: SubsidyPreview;
  actorId: string | null;
}

export interface EndHoldInput {
  holdId: string;
  providerId: string;
  /** release (back to the grant; lapsed or voided grants pass it on to the pool) or forfeit (sanction: to the pool). */
  kind: 'release' | 'forfeit';
  /** Part of what is still held (a dispute refund); default all of it. */
  amountFen?: Fen;
  reference: string;
  actorId: string | null;
  /** This end's own ledger key (never the sweep's: reusing `lapse:<grant>` would replay the old lapse). */
  idempotencyKey: string;
}

export interface EndHoldResult {
  /** Moved out of the hold. */
  amountFen: Fen;
  /** Of that, passed on to the pools because the grant had lapsed or was voided. */
  toPoolFen: Fen;
  replayed: boolean;
}

export const grantNotUsable = (why: 'not_found' | 'expired' | 'other_enterprise' | 'voided'): BusinessRuleError =>
  new BusinessRuleError(
    why === 'expired' ? 'GRANT_EXPIRED' : 'GRANT_NOT_USABLE',
    why === 'expired'
      ? msg('The grant has expired.', '创新券额度已过期。')
      : why === 'voided'
        ? msg('The grant was voided.', '创新券额度已被作废。')
        : msg('The grant is not one of this enterprise.', '该创新券额度不属于本企业。'),
    [{ field: 'grantId', message: why }],
  );
export const offeringNotEligible = (): BusinessRuleError =>
  new BusinessRuleError('OFFERING_NOT_ELIGIBLE', msg("The offering is not voucher-eligible in the grant's program.", '该服务不在此创新券项目的支持范围内。'), [
    { field: 'grantId', message: 'the program has no subsidy rule for this category' },
  ]);

const LIMIT_REASON: Readonly<Record<SubsidyLimit, CapReason | null>> = {
  ratio: null,
  per_order_cap: 'per_order_cap',
  grant_available: 'grant_balance',
  provider_cap: 'provider_cap',
};

@Injectable()
export class OrderSubsidiesService {
  private readonly calculator = new SubsidyCalculator();

  constructor(
    private readonly ledger: LedgerService,
    private readonly caps: ProgramCapsService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  /**
   * The subsidy the enterprise would get now (read without locks: what a quoted order shows; accept
   * recomputes it under the locks with `choiceSql` and `chooseFrom`).
   */
  async preview(m: EntityManager, input: PreviewInput): Promise<SubsidyPreview> {
    const path = await this.reference.ancestorIds(input.categoryId);
    const today = shanghaiDate(this.clock.now());
    const chosen = input.grantId ? await this.namedGrant(m, input, path, today) : await this.firstExpiring(m, input.enterpriseId, path, today);
    if (!chosen) return noSubsidy(input.priceFen);
    const { grant, program, rule } = chosen;
    const balance = await this.ledger.grantBalance(m, grant.programId, grant.id);
    const used = program.providerAnnualCapFen !== null ? await providerUsage(m, grant.programId, input.providerId) : 0n;
    const capLeft = program.providerAnnualCapFen === null ? null : program.providerAnnualCapFen - used;
    const s = this.calculator.calculate({
      priceFen: input.priceFen,
      ratioBp: rule.ratioBp,
      perOrderCapFen: BigInt(rule.perOrderCapFen),
      grantAvailableFen: balance.availableFen,
      providerCapRemainingFen: capLeft,
    });
    return {
      priceFen: input.priceFen,
      subsidyFen: s.subsidyFen,
      ownShareFen: s.ownShareFen,
      grantId: grant.id,
      programId: grant.programId,
      settlementMode: program.settlementMode,
      ratioBp: rule.ratioBp,
      capReason: s.subsidyFen < s.ratioAmountFen ? LIMIT_REASON[s.limitedBy] : null,
      sourceOrder: program.fundingSources.map((f) => f.key),
      programName: program.name,
      providerCapFen: program.providerAnnualCapFen,
      perOrderCapFen: BigInt(rule.perOrderCapFen),
    };
  }

  /**
   * Which grant pays (docs/product.md "Which grant pays"), as CTEs of the statement that locks the
   * order (`order`: the name of a CTE holding the locked row, so its enterprise, provider, status and
   * price need no round trip of their own): the named grant (`named`; `param` is the placeholder of
   * its id), else the enterprise's active, unexpired grants (`param`: of the Shanghai date, today);
   * the candidates' available rows locked in key order (the rows a hold debits) after the order row,
   * and read with the provider's cap usage in their programs. Nothing is chosen or locked unless the
   * order is quoted with a price. `select` is the candidates as one JSON column, for `chooseFrom`.
   * The provider's usage is read, not locked: the reservation (`reserveCte`) is conditional, and an
   * accept it refuses runs again.
   */
  choiceSql(o: { order: string; named: boolean; param: string }): { ctes: string[]; select: string } {
    const which = o.named
      ? `g.id = ${o.param}::uuid`
      : `g.enterprise_id = ${o.order}.enterprise_id AND g.status = 'active' AND g.voided_at IS NULL AND g.expires_on >= ${o.param}::date`;
    return {
      ctes: [
        `choice_grant AS MATERIALIZED (
         SELECT g.id, g.program_id, g.enterprise_id, g.status, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, g.voided_at IS NOT NULL AS voided, g.created_at,
                p.name, p.settlement_mode, p.funding_sources, p.subsidy_rules, p.provider_annual_cap_fen::text AS provider_annual_cap_fen, ${o.order}.provider_id AS for_provider
           FROM ${o.order} JOIN voucher_grant g ON ${which} JOIN voucher_program p ON p.id = g.program_id
          WHERE ${o.order}.status = 'quoted' AND ${o.order}.price_fen IS NOT NULL
       )`,
        `choice_available AS MATERIALIZED (
         SELECT b.grant_id, b.source, b.balance_fen FROM ledger_balance b JOIN choice_grant g ON b.program_id = g.program_id AND b.grant_id = g.id
          WHERE b.kind = 'grant_available' ORDER BY b.account FOR UPDATE OF b
       )`,
      ],
      select: `(SELECT json_agg(json_build_object('id', g.id, 'program_id', g.program_id, 'enterprise_id', g.enterprise_id, 'status', g.status, 'expires_on', g.expires_on, 'voided', g.voided,
                 'name', g.name, 'settlement_mode', g.settlement_mode, 'funding_sources', g.funding_sources, 'subsidy_rules', g.subsidy_rules, 'provider_annual_cap_fen', g.provider_annual_cap_fen,
                 'available', (SELECT json_agg(json_build_object('source', l.source, 'balance', l.balance_fen::text)) FROM choice_available l WHERE l.grant_id = g.id),
                 'used', (SELECT u.used_fen::text FROM voucher_provider_cap_usage u WHERE u.program_id = g.program_id AND u.provider_id = g.for_provider))
               ORDER BY g.expires_on, g.created_at, g.id) FROM choice_grant g)`,
    };
  }

  /** The value of `choiceSql`'s parameter for a named grant: the named grant's id (a malformed id names no grant). */
  namedGrantParam(grantId: string): string {
    return isUuidLike(grantId) ? grantId : '00000000-0000-0000-0000-000000000000';
  }

  /**
   * The grant that pays and what it can give, from the candidates `choiceSql` read and locked: the
   * named grant (its problems thrown as `preview` throws them), else the first of the enterprise's
   * covering grants that expires first. The subsidy is computed from the locked rows: what
   * `holdWrite` then holds in the same transaction. Null when no grant covers the category.
   */
  async chooseFrom(candidates: unknown, input: PreviewInput): Promise<{ preview: SubsidyPreview; available: { source: string; balanceFen: Fen }[] } | null> {
    const rows = (typeof candidates === 'string' ? JSON.parse(candidates) : (candidates ?? [])) as ChoiceRow[];
    const path = await this.reference.ancestorIds(input.categoryId);
    const today = shanghaiDate(this.clock.now());
    let chosen: { g: ChoiceRow; rule: SubsidyRule } | null = null;
    if (input.grantId) {
      const g = rows[0];
      if (!g || g.enterprise_id !== input.enterpriseId.toLowerCase()) throw grantNotUsable('other_enterprise');
      if (g.voided) throw grantNotUsable('voided');
      if (g.status !== 'active' || g.expires_on < today) throw grantNotUsable('expired');
      const rule = deepestRule(g.subsidy_rules, path);
      if (!rule || !ruleSubsidizes(rule)) throw offeringNotEligible();
      chosen = { g, rule };
    } else {
      for (const g of rows) {
        const rule = deepestRule(g.subsidy_rules, path);
        if (rule && ruleSubsidizes(rule)) {
          chosen = { g, rule };
          break;
        }
      }
    }
    if (!chosen) return null;
    const basis = basisOf(chosen.g, chosen.rule, input.priceFen);
    const available = (chosen.g.available ?? []).map((r) => ({ source: r.source, balanceFen: BigInt(r.balance) }));
    const used = chosen.g.used === null ? 0n : BigInt(chosen.g.used);
    const s = this.calculator.calculate({
      priceFen: basis.priceFen,
      ratioBp: basis.ratioBp,
      perOrderCapFen: basis.perOrderCapFen,
      grantAvailableFen: available.reduce((t, r) => t + r.balanceFen, 0n),
      providerCapRemainingFen: basis.providerCapFen === null ? null : basis.providerCapFen - used,
    });
    return {
      preview: { ...basis, subsidyFen: s.subsidyFen, ownShareFen: s.ownShareFen, capReason: s.subsidyFen < s.ratioAmountFen ? LIMIT_REASON[s.limitedBy] : null },
      available,
    };
  }

  /**
   * The hold of an order's subsidy as CTEs of the caller's statement (LedgerService.holdWrite), on
   * the rows `choiceSql` locked; null when there is nothing to hold.
   */
  holdWrite(p: SqlParams, input: OrderHoldInput, available: readonly { source: string; balanceFen: Fen }[]): ReturnType<LedgerService['holdWrite']> | null {
    const pv = input.preview;
    if (!pv.grantId || !pv.programId || pv.subsidyFen <= 0n) return null;
    return this.ledger.holdWrite(
      p,
      { programId: pv.programId, grantId: pv.grantId, amountFen: pv.subsidyFen, sourceOrder: pv.sourceOrder, reference: `order:${input.orderId}`, actorId: input.actorId, idempotencyKey: `hold:order:${input.orderId}` },
      available,
    );
  }

  /** `reserve` as a CTE of the caller's last statement (ProgramCapsService.reserveProviderCapCte); null when nothing is held. */
  reserveCte(p: SqlParams, preview: SubsidyPreview, providerId: string): ReturnType<ProgramCapsService['reserveProviderCapCte']> | null {
    if (!preview.grantId || !preview.programId || preview.subsidyFen <= 0n) return null;
    return this.caps.reserveProviderCapCte(p, { programId: preview.programId, providerId, amountFen: preview.subsidyFen, capFen: preview.providerCapFen });
  }

  /**
   * Ends (part of) a hold in the caller's transaction: the ledger moves, the provider's cap usage
   * drops by what left the hold; when the grant has lapsed or been voided, what a release gives
   * back goes on to the pools (lapse or void, keyed by this end's key) and the group's usage drops
   * by it. Safe to repeat with the same key.
   */
  async endHold(m: EntityManager, input: EndHoldInput): Promise<EndHoldResult> {
    const before = await this.ledger.getHold(m, input.holdId);
    if (!before) throw new RangeError(`no hold ${input.holdId}`);
    const grant = await m.findOne(VoucherGrant, { where: { id: before.grantId }, lock: { mode: 'pessimistic_write' } });
    if (!grant) throw new RangeError(`no grant ${before.grantId}`);
    const drained = grant.status === 'lapsed' || grant.voidedAt !== null;
    if (drained) await lockGroupUsage(m, grant.programId, grant.groupKey); // before the pools, in the order grants lock them
    const command = { holdId: input.holdId, reference: input.reference, actorId: input.actorId, idempotencyKey: input.idempotencyKey };
    const tx = input.kind === 'release' ? await this.ledger.release(m, { ...command, amountFen: input.amountFen }) : await this.ledger.forfeit(m, command);
    const moved = tx.postings.filter((p) => p.amountFen > 0n).reduce((s, p) => s + p.amountFen, 0n);
    if (tx.replayed) return { amountFen: moved, toPoolFen: 0n, replayed: true };
    if (moved > 0n) await this.caps.releaseProviderCap(m, { programId: before.programId, providerId: input.providerId, amountFen: moved });
    let toPoolFen = 0n;
    if (drained && input.kind === 'release' && moved > 0n) {
      const ref = { programId: grant.programId, grantId: grant.id, reference: input.reference, actorId: input.actorId, idempotencyKey: `${input.idempotencyKey}:to-pool` };
      const back = grant.voidedAt !== null ? await this.ledger.voidGrant(m, ref) : await this.ledger.lapse(m, ref);
      toPoolFen = back ? back.postings.filter((p) => p.account.startsWith('pool:')).reduce((s, p) => s + p.amountFen, 0n) : 0n;
      if (toPoolFen > 0n) {
        await m.query('UPDATE voucher_group_cap_usage SET used_fen = GREATEST(used_fen - $3, 0) WHERE program_id = $1 AND group_key = $2', [
          grant.programId,
          grant.groupKey,
          toPoolFen.toString(),
        ]);
        if (grant.voidedAt !== null) grant.voidedFen += toPoolFen;
        else grant.lapsedFen += toPoolFen;
        await m.save(grant);
      }
    }
    return { amountFen: moved, toPoolFen, replayed: false };
  }

  private async namedGrant(m: EntityManager, input: PreviewInput, path: string[], today: string) {
    const grant = await m.findOne(VoucherGrant, { where: { id: input.grantId! } });
    if (!grant || grant.enterpriseId !== input.enterpriseId) throw grantNotUsable('other_enterprise');
    if (grant.voidedAt !== null) throw grantNotUsable('voided');
    if (grant.status !== 'active' || grant.expiresOn < today) throw grantNotUsable('expired');
    const program = await m.findOneOrFail(VoucherProgram, { where: { id: grant.programId } });
    const rule = deepestRule(program.subsidyRules, path);
    if (!rule || !ruleSubsidizes(rule)) throw offeringNotEligible();
    return { grant, program, rule };
  }

  /** The enterprise's active, unexpired grant covering the category that expires first (then the oldest). */
  private async firstExpiring(m: EntityManager, enterpriseId: string, path: string[], today: string) {
    const grants = await m
      .createQueryBuilder(VoucherGrant, 'g')
      .where('g.enterpriseId = :enterpriseId', { enterpriseId })
      .andWhere(`g.status = 'active'`)
      .andWhere('g.voidedAt IS NULL')
      .andWhere('g.expiresOn >= :today', { today })
      .orderBy('g.expiresOn', 'ASC')
      .addOrderBy('g.createdAt', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .getMany();
    for (const grant of grants) {
      const program = await m.findOneOrFail(VoucherProgram, { where: { id: grant.programId } });
      const rule = deepestRule(program.subsidyRules, path);
      if (rule && ruleSubsidizes(rule)) return { grant, program, rule };
    }
    return null;
  }
}

/** What the provider has used of its cap in a program (read, not locked). */
async function providerUsage(m: EntityManager, programId: string, providerId: string): Promise<Fen> {
  const rows = await m.query<{ used_fen: string }[]>('SELECT used_fen::text AS used_fen FROM voucher_provider_cap_usage WHERE program_id = $1 AND provider_id = $2', [programId, providerId]);
  return rows[0] ? BigInt(rows[0].used_fen) : 0n;
}

export function noSubsidy(priceFen: Fen): SubsidyPreview {
  return {
    priceFen,
    subsidyFen: 0n,
    ownShareFen: priceFen,
    grantId: null,
    programId: null,
    settlementMode: null,
    ratioBp: 0,
    capReason: 'no_grant',
    sourceOrder: [],
    programName: null,
    providerCapFen: null,
    perOrderCapFen: null,
  };
}
