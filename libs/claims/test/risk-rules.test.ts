import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { DEFAULT_RISK_THRESHOLDS, riskThresholdsOf } from '@innoserve/vouchers';
import {
  BackdatingRule,
  DuplicateInvoiceRule,
  FastDeliveryRule,
  PriceAtCapRule,
  PriceOutlierRule,
  ProviderConcentrationRule,
  RISK_RULES,
  RelatedPartyRule,
  RiskEngine,
  RoundTripRule,
  SplitOrdersRule,
  type ClaimUnderReview,
  type RiskRule,
} from '@innoserve/claims';
import { CONTRACTED, at, base, claimRow, offering, order, org, payment, plusDays, providerProfile } from './support/risk-world.js';

// one migrated database for the file: every test writes organizations, categories and pairs of its own
let db: TestDatabase;
let ds: DataSource;
let m: EntityManager;
const T = riskThresholdsOf({});

beforeAll(async () => {
  db = await createTestDatabase();
  ds = new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 2 }), logging: false });
  await ds.initialize();
  m = ds.manager;
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

const run = (rule: RiskRule, claim: ClaimUnderReview) => rule.evaluate(m, claim, T);

describe(RiskEngine.name, () => {
  it('finds nothing on a clean claim, and returns the flags of a crafted one in the order of RISK_RULES', async () => {
    const b = await base(m);
    const engine = new RiskEngine();
    expect(engine.rules.map((r) => r.key)).toEqual([...RISK_RULES]);
    expect(await engine.evaluate(m, b.claim, T)).toEqual([]);

    // at the cap (400,000 × 50% = the 200,000 cap), delivered in 2 days of 30, invoiced before the contract
    const bad = await base(m, { priceFen: 400_000n });
    const claim: ClaimUnderReview = { ...bad.claim, deliveredAt: plusDays(CONTRACTED, 3), invoice: { ...bad.claim.invoice, issuedOn: '2026-05-31' } };
    const flags = await engine.evaluate(m, claim, T);
    expect(flags.map((f) => f.rule)).toEqual(['price_outlier', 'price_at_cap', 'fast_delivery', 'backdating']);
  });

  it('gives the same answers inside a transaction, where the rules run their statements prepared', async () => {
    const b = await base(m, { priceFen: 250_000n, enterprise: { contactPhone: '0595-77000009' }, provider: { contactPhone: '0595-77000009' } });
    await order(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, programId: b.programId, priceFen: 200_000n, contractedAt: plusDays(CONTRACTED, -3) });
    await order(m, { enterpriseId: b.providerId, providerId: b.enterpriseId, programId: b.programId, priceFen: 90_000n, contractedAt: plusDays(CONTRACTED, 4) });
    const engine = new RiskEngine();
    const outside = await engine.evaluate(m, b.claim, T);
    expect(outside.map((f) => f.rule)).toEqual(['related_party', 'split_orders', 'price_outlier', 'round_trip']);
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      for (let i = 0; i < 7; i++) expect(await engine.evaluate(qr.manager, b.claim, T)).toEqual(outside); // past PostgreSQL's switch to a generic plan
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});

describe(RelatedPartyRule.name, () => {
  const rule = new RelatedPartyRule();

  it('flags a phone the enterprise and the provider share with nobody else, naming the phone', async () => {
    const b = await base(m, { enterprise: { contactPhone: '0595-77000001' }, provider: { contactPhone: '0595-77000001' } });
    const flag = await run(rule, b.claim);
    expect(flag).toMatchObject({ rule: 'related_party', severity: 'medium', evidence: { shared: [{ kind: 'contact_phone', value: '0595-77000001', otherOrganizations: 0 }] } });
  });

  it("stays quiet on an accounting agency's phone listed by three other firms as well (a hub), and flags it when only two others share it", async () => {
    const hub = '0595-77000002';
    const b = await base(m, { enterprise: { contactPhone: hub }, provider: { contactPhone: hub } });
    await org(m, { contactPhone: hub });
    await org(m, { contactPhone: hub });
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { shared: [{ kind: 'contact_phone', otherOrganizations: 2 }] } });
    await org(m, { contactPhone: hub });
    expect(await run(rule, b.claim)).toBeNull();
  });

  it("stays quiet on an incubator's tenant registered at the incubator's address, however few tenants it has", async () => {
    const address = '泉州市丰泽区创新路1号众创空间A座';
    const crowded = await base(m, { enterprise: { registeredAddress: address }, provider: { registeredAddress: address } });
    for (let i = 0; i < 5; i++) await org(m, { registeredAddress: address });
    expect(await run(rule, crowded.claim)).toBeNull();
    const small = '泉州市洛江区创业路9号孵化器';
    const b = await base(m, { enterprise: { registeredAddress: small }, provider: { registeredAddress: small } });
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { shared: [{ kind: 'registered_address', value: small, otherOrganizations: 0 }] } });
    await providerProfile(m, b.providerId, ['incubator', 'consulting']);
    expect(await run(rule, b.claim)).toBeNull();
  });

  it('flags a shared bank account however many others carry it, and lists a shared hub value beside it', async () => {
    const phone = '0595-77000003';
    const b = await base(m, { enterprise: { bankAccountNo: '6222000099990001', contactPhone: phone }, provider: { bankAccountNo: '6222000099990001', contactPhone: phone } });
    for (let i = 0; i < 3; i++) await org(m, { bankAccountNo: '6222000099990001', contactPhone: phone });
    const flag = await run(rule, b.claim);
    expect(flag).toMatchObject({
      severity: 'high',
      evidence: { shared: [{ kind: 'bank_account', value: '6222000099990001' }], alsoSharedCommonValues: [{ kind: 'contact_phone', value: phone }] },
    });
  });

  it("flags a shared controller group, a shared legal representative, and the provider's legal representative holding shares of the enterprise", async () => {
    const g = await base(m, { enterprise: { controllerGroup: '晋江某集团' }, provider: { controllerGroup: '晋江某集团' } });
    expect(await run(rule, g.claim)).toMatchObject({ severity: 'high', evidence: { shared: [{ kind: 'controller_group', value: '晋江某集团' }] } });
    const r = await base(m, { enterprise: { legalRepresentative: '陈一鸣x' }, provider: { legalRepresentative: '陈一鸣x' } });
    expect(await run(rule, r.claim)).toMatchObject({ severity: 'high', evidence: { shared: [{ kind: 'legal_representative', value: '陈一鸣x' }] } });
    const s = await base(m, { enterprise: { shareholders: ['林二木x', '某投资基金x'] }, provider: { legalRepresentative: '林二木x' } });
    expect(await run(rule, s.claim)).toMatchObject({ severity: 'high', evidence: { shared: [{ kind: 'representative_is_shareholder', value: '林二木x' }] } });
  });

  it('flags a legal representative the two share however many others carry the name (a namesake or a nominee), medium from three others on', async () => {
    const name = '王伟x';
    const b = await base(m, { enterprise: { legalRepresentative: name }, provider: { legalRepresentative: name } });
    await org(m, { legalRepresentative: name });
    await org(m, { shareholders: [name] });
    expect(await run(rule, b.claim)).toMatchObject({ severity: 'high', evidence: { shared: [{ kind: 'legal_representative', otherOrganizations: 2 }] } });
    await org(m, { legalRepresentative: name });
    expect(await run(rule, b.claim)).toMatchObject({ severity: 'medium', evidence: { shared: [{ kind: 'legal_representative', otherOrganizations: 3 }] } });
  });

  it('flags a shareholder the two share, but not a fund that holds shares in three other firms too', async () => {
    const s = await base(m, { enterprise: { shareholders: ['黄三水x'] }, provider: { shareholders: ['黄三水x'] } });
    expect(await run(rule, s.claim)).toMatchObject({ evidence: { shared: [{ kind: 'shareholder', value: '黄三水x' }] } });
    const fund = '泉州市产业引导基金x';
    const f = await base(m, { enterprise: { shareholders: [fund] }, provider: { shareholders: [fund] } });
    for (let i = 0; i < 3; i++) await org(m, { shareholders: ['某人', fund] });
    expect(await run(rule, f.claim)).toBeNull();
  });
});

describe(DuplicateInvoiceRule.name, () => {
  const rule = new DuplicateInvoiceRule();

  it('flags the same seller, buyer, amount and issue date under another number on a claim of another order, naming that claim', async () => {
    const b = await base(m);
    const other = await claimRow(m, {
      programId: b.programId,
      enterpriseId: b.enterpriseId,
      providerId: b.providerId,
      sellerTaxId: b.claim.invoice.sellerTaxId,
      invoiceAmountFen: b.claim.invoice.amountFen,
      issuedOn: b.claim.invoice.issuedOn,
    });
    expect(await run(rule, b.claim)).toMatchObject({ severity: 'high', evidence: { sameSellerAmountDateOtherNumber: [{ claimId: other, sameEnterprise: true }] } });
  });

  it('stays quiet when the issue date differs by a day, for another buyer (the same fixed price invoiced to two clients), and for a claim of the same order (a reissued fapiao)', async () => {
    const b = await base(m);
    const same = { programId: b.programId, enterpriseId: b.enterpriseId, providerId: b.providerId, sellerTaxId: b.claim.invoice.sellerTaxId, invoiceAmountFen: b.claim.invoice.amountFen };
    await claimRow(m, { ...same, issuedOn: '2026-06-23' });
    await claimRow(m, { ...same, issuedOn: b.claim.invoice.issuedOn, enterpriseId: await org(m) });
    await claimRow(m, { ...same, issuedOn: b.claim.invoice.issuedOn, orderId: b.orderId, status: 'rejected' });
    expect(await run(rule, b.claim)).toBeNull();
  });

  it('flags the same code and number seen on a rejected claim of another order', async () => {
    const b = await base(m);
    const claim: ClaimUnderReview = { ...b.claim, invoice: { ...b.claim.invoice, code: '035002200111', number: '04581234' } };
    expect(await run(rule, claim)).toBeNull();
    const old = await claimRow(m, { programId: b.programId, enterpriseId: b.enterpriseId, providerId: b.providerId, status: 'rejected', invoiceCode: '035002200111', invoiceNumber: '04581234' });
    expect(await run(rule, claim)).toMatchObject({ severity: 'high', evidence: { sameNumberOnOtherClaims: [{ claimId: old, status: 'rejected' }] } });
    // the same 8-digit number under another code is another fapiao
    expect(await run(rule, { ...claim, invoice: { ...claim.invoice, code: '035002200112' } })).toBeNull();
  });
});

describe(SplitOrdersRule.name, () => {
  const rule = new SplitOrdersRule();
  // ratio 50%, cap 200,000: the cap is reached at 400,000; this order is 250,000
  const split = async (otherPrice: bigint, daysBefore: number, status = 'completed') => {
    const b = await base(m, { priceFen: 250_000n });
    const other = await order(m, {
      enterpriseId: b.enterpriseId,
      providerId: b.providerId,
      programId: b.programId,
      priceFen: otherPrice,
      contractedAt: plusDays(CONTRACTED, -daysBefore),
      status,
    });
    return { b, other };
  };

  it('flags another order of the pair 30 days earlier, each under the cap price and together above it', async () => {
    const { b, other } = await split(200_000n, 30);
    expect(await run(rule, b.claim)).toMatchObject({
      rule: 'split_orders',
      evidence: { otherOrders: [{ orderId: other, priceFen: '200000' }], totalFen: '450000', capPriceFen: '400000', windowDays: 30 },
    });
  });

  it('stays quiet 31 days apart, at exactly the cap price together, with the other order at the cap price, or cancelled', async () => {
    expect(await run(rule, (await split(200_000n, 31)).b.claim)).toBeNull();
    expect(await run(rule, (await split(150_000n, 10)).b.claim)).toBeNull(); // 250,000 + 150,000 = 400,000: not above
    expect(await run(rule, (await split(400_000n, 10)).b.claim)).toBeNull(); // a whole purchase, not a piece
    expect(await run(rule, (await split(200_000n, 10, 'cancelled')).b.claim)).toBeNull();
  });

  it('counts orders after this one too, and only in the same program', async () => {
    const b = await base(m, { priceFen: 250_000n });
    await order(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, programId: randomUUID(), priceFen: 300_000n, contractedAt: plusDays(CONTRACTED, 5) });
    expect(await run(rule, b.claim)).toBeNull();
    await order(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, programId: b.programId, priceFen: 300_000n, contractedAt: plusDays(CONTRACTED, 5) });
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { totalFen: '550000' } });
  });
});

describe(PriceOutlierRule.name, () => {
  const rule = new PriceOutlierRule();

  it("flags 2.01× the offering's list price and not 2.0×, naming the list price", async () => {
    const b = await base(m); // list price 100,000, no category peers
    expect(await run(rule, { ...b.claim, priceFen: 200_000n })).toBeNull();
    expect(await run(rule, { ...b.claim, priceFen: 201_000n })).toMatchObject({
      severity: 'medium',
      evidence: { listPriceFen: '100000', priceToListBp: '20100', above: ['list_price'] },
    });
  });

  it('compares a quote with the top of its range and a per-unit order with unit price × quantity', async () => {
    const b = await base(m);
    const quote = await offering(m, { providerId: b.providerId, categoryId: randomUUID(), kind: 'quote', minFen: 50_000n, maxFen: 150_000n });
    expect(await run(rule, { ...b.claim, offeringId: quote, priceFen: 300_000n })).toBeNull();
    expect(await run(rule, { ...b.claim, offeringId: quote, priceFen: 300_001n })).toMatchObject({ evidence: { listPriceFen: '150000' } });
    const unit = await offering(m, { providerId: b.providerId, categoryId: randomUUID(), kind: 'per_unit', priceFen: 10_000n });
    const o = await order(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, programId: b.programId, offeringId: unit, pricingKind: 'per_unit', quantity: 5, priceFen: 100_000n, contractedAt: CONTRACTED });
    expect(await run(rule, { ...b.claim, orderId: o, offeringId: unit, priceFen: 100_000n })).toBeNull();
    expect(await run(rule, { ...b.claim, orderId: o, offeringId: unit, priceFen: 100_001n })).toMatchObject({ evidence: { listPriceFen: '50000', quantity: 5 } });
  });

  it('flags a price above twice the median of the published offerings of the leaf category, only with at least five of them', async () => {
    const b = await base(m);
    const categoryId = randomUUID();
    // the order's own offering is a wide quote (its list price alone never fires here)
    const own = await offering(m, { providerId: b.providerId, categoryId, kind: 'quote', minFen: 1n, maxFen: 1_000_000n });
    for (const p of [100_000n, 100_000n, 120_000n]) await offering(m, { providerId: b.providerId, categoryId, priceFen: p });
    const draft = await offering(m, { providerId: b.providerId, categoryId, priceFen: 150_000n, status: 'draft' });
    const claim = { ...b.claim, offeringId: own, categoryId, priceFen: 241_000n };
    expect(await run(rule, claim)).toBeNull(); // four published: no median
    await m.query(`UPDATE offering SET status = 'published' WHERE id = $1`, [draft]);
    // five: 100,000 100,000 120,000 150,000 1,000,000 → median 120,000
    expect(await run(rule, { ...claim, priceFen: 240_000n })).toBeNull();
    expect(await run(rule, claim)).toMatchObject({ evidence: { categoryMedianFen: '120000', categoryPeers: 5, above: ['category_median'] } });
    // six: the median is halfway between 120,000 and 150,000 = 135,000
    await offering(m, { providerId: b.providerId, categoryId, priceFen: 160_000n });
    expect(await run(rule, { ...claim, priceFen: 270_000n })).toBeNull();
    expect(await run(rule, { ...claim, priceFen: 270_001n })).toMatchObject({ evidence: { categoryMedianFen: '135000', categoryPeers: 6 } });
  });
});

describe(PriceAtCapRule.name, () => {
  const rule = new PriceAtCapRule();
  // ratio 50%, cap 200,000: 1% of the cap either side is a price of 396,000 … 404,000
  it('flags a price whose subsidy is within 1% of the cap, below or above, ends included', async () => {
    const b = await base(m);
    expect(await run(rule, { ...b.claim, priceFen: 396_000n })).toMatchObject({ severity: 'low', evidence: { uncappedSubsidyFen: '198000', deviationBpOfCap: '100', side: 'below' } });
    expect(await run(rule, { ...b.claim, priceFen: 404_000n })).toMatchObject({ evidence: { side: 'above' } });
    expect(await run(rule, { ...b.claim, priceFen: 400_000n })).toMatchObject({ evidence: { side: 'exact', deviationBpOfCap: '0' } });
  });

  it('stays quiet just outside 1%, and far above the cap', async () => {
    const b = await base(m);
    expect(await run(rule, { ...b.claim, priceFen: 395_998n })).toBeNull();
    expect(await run(rule, { ...b.claim, priceFen: 404_002n })).toBeNull();
    expect(await run(rule, { ...b.claim, priceFen: 800_000n })).toBeNull();
  });
});

describe(RoundTripRule.name, () => {
  const rule = new RoundTripRule();

  it('flags an order with the roles reversed 90 days after the contract, and not 91 days after', async () => {
    const b = await base(m);
    const late = await order(m, { enterpriseId: b.providerId, providerId: b.enterpriseId, programId: b.programId, priceFen: 80_000n, contractedAt: plusDays(CONTRACTED, 91) });
    expect(await run(rule, b.claim)).toBeNull();
    await m.query(`UPDATE service_order SET contracted_at = $2 WHERE id = $1`, [late, plusDays(CONTRACTED, 90)]);
    expect(await run(rule, b.claim)).toMatchObject({ severity: 'high', evidence: { reversedOrders: [{ orderId: late, daysFromContract: 90 }], windowDays: 90 } });
  });

  it('flags a payment from the provider to the enterprise; a payment the normal way, or a cancelled reversed order, is no round trip', async () => {
    const b = await base(m);
    await payment(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, succeededAt: plusDays(CONTRACTED, 1) });
    await order(m, { enterpriseId: b.providerId, providerId: b.enterpriseId, programId: b.programId, priceFen: 80_000n, contractedAt: plusDays(CONTRACTED, 3), status: 'cancelled' });
    expect(await run(rule, b.claim)).toBeNull();
    const p = await payment(m, { enterpriseId: b.providerId, providerId: b.enterpriseId, succeededAt: plusDays(CONTRACTED, -10), amountFen: 70_000n });
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { paymentsToEnterprise: [{ paymentId: p, amountFen: '70000', daysFromContract: -10 }] } });
  });
});

describe(FastDeliveryRule.name, () => {
  const rule = new FastDeliveryRule();
  const started = plusDays(CONTRACTED, 2);

  it('flags delivery an hour short of 25% of the lead time, and not at exactly 25%', async () => {
    const b = await base(m);
    const claim = { ...b.claim, leadTimeDays: 20, startedAt: started };
    expect(await run(rule, { ...claim, deliveredAt: plusDays(started, 5) })).toBeNull();
    expect(await run(rule, { ...claim, deliveredAt: new Date(plusDays(started, 5).getTime() - 3_600_000) })).toMatchObject({
      severity: 'medium',
      evidence: { measuredFrom: 'started', elapsedHours: 119, leadTimeDays: 20, shareOfLeadTimeBp: '2479' },
    });
  });

  it('measures from the contract when the work has no start, and never flags a lead time of 0 days', async () => {
    const b = await base(m);
    const claim = { ...b.claim, leadTimeDays: 20, startedAt: null, deliveredAt: plusDays(CONTRACTED, 1) };
    expect(await run(rule, claim)).toMatchObject({ severity: 'high', evidence: { measuredFrom: 'contracted', shareOfLeadTimeBp: '500' } });
    expect(await run(rule, { ...claim, leadTimeDays: 0 })).toBeNull();
  });
});

describe(ProviderConcentrationRule.name, () => {
  const rule = new ProviderConcentrationRule();
  const claims = async (b: Awaited<ReturnType<typeof base>>, fromEnterprise: number, fromOthers: number, status = 'approved') => {
    for (let i = 0; i < fromEnterprise; i++) await claimRow(m, { programId: b.programId, enterpriseId: b.enterpriseId, providerId: b.providerId, status });
    for (let i = 0; i < fromOthers; i++) await claimRow(m, { programId: b.programId, enterpriseId: randomUUID(), providerId: b.providerId, status });
  };

  it('flags 3 of the provider’s 5 claims from one enterprise, and not 3 of 6', async () => {
    const b = await base(m); // this claim is one of the three
    await claims(b, 2, 2);
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { claimsFromEnterprise: 3, providerClaimsInProgram: 5, shareBp: 6000 } });
    await claims(b, 0, 1);
    expect(await run(rule, b.claim)).toBeNull();
  });

  it('waits for five claims, and counts neither rejected claims nor other programs', async () => {
    const b = await base(m);
    await claims(b, 2, 1); // 3 of 4
    expect(await run(rule, b.claim)).toBeNull();
    await claims(b, 0, 3, 'rejected');
    await claimRow(m, { programId: randomUUID(), enterpriseId: randomUUID(), providerId: b.providerId });
    expect(await run(rule, b.claim)).toBeNull();
    await claims(b, 0, 1); // 3 of 5
    expect(await run(rule, b.claim)).toMatchObject({ evidence: { providerClaimsInProgram: 5 } });
  });

  it('gives the exact counts when flagged, and stays quiet for a busy provider (the count stops where the share can no longer be exceeded)', async () => {
    const b = await base(m);
    await claims(b, 8, 0);
    expect(await run(rule, b.claim)).toMatchObject({ severity: 'high', evidence: { claimsFromEnterprise: 9, providerClaimsInProgram: 9, shareBp: 10000 } });
    await claims(b, 0, 40);
    expect(await run(rule, b.claim)).toBeNull();
    // evaluated before the claim is written: it still counts as one
    expect(await rule.evaluate(m, { ...b.claim, claimId: null }, { ...T, concentrationShareBp: 1_000 })).toMatchObject({ evidence: { claimsFromEnterprise: 10, providerClaimsInProgram: 50 } });
  });
});

describe(BackdatingRule.name, () => {
  const rule = new BackdatingRule();

  it('flags a fapiao issued the day before the contract (Asia/Shanghai), and not one issued the same day', async () => {
    const b = await base(m);
    // contracted 2026-06-01 16:30Z = 2026-06-02 00:30 in Shanghai
    const claim = { ...b.claim, contractedAt: at('2026-06-01T16:30:00Z') };
    expect(await run(rule, { ...claim, invoice: { ...claim.invoice, issuedOn: '2026-06-02' } })).toBeNull();
    expect(await run(rule, { ...claim, invoice: { ...claim.invoice, issuedOn: '2026-06-01' } })).toMatchObject({
      severity: 'high',
      evidence: { findings: ['invoice_before_contract'], contractedOn: '2026-06-02' },
    });
  });

  it('flags a fapiao before the grant, and an order requested before the grant', async () => {
    const b = await base(m);
    expect(await run(rule, { ...b.claim, invoice: { ...b.claim.invoice, issuedOn: '2026-04-30' } })).toMatchObject({
      evidence: { findings: ['invoice_before_grant', 'invoice_before_contract'] },
    });
    expect(await run(rule, { ...b.claim, requestedAt: at('2026-04-30T02:00:00Z') })).toMatchObject({ severity: 'medium', evidence: { findings: ['request_before_grant'] } });
    expect(await run(rule, { ...b.claim, requestedAt: at('2026-05-01T00:00:00Z') })).toBeNull(); // the grant's day
  });
});

describe('program thresholds', () => {
  it('are read from the program: a 45-day split window and a 3× outlier multiple change the answers', async () => {
    const b = await base(m, { priceFen: 250_000n });
    await order(m, { enterpriseId: b.enterpriseId, providerId: b.providerId, programId: b.programId, priceFen: 200_000n, contractedAt: plusDays(CONTRACTED, -40) });
    expect(await new SplitOrdersRule().evaluate(m, b.claim, DEFAULT_RISK_THRESHOLDS)).toBeNull();
    expect(await new SplitOrdersRule().evaluate(m, b.claim, riskThresholdsOf({ splitWindowDays: 45 }))).not.toBeNull();
    const c = { ...b.claim, priceFen: 250_000n }; // 2.5× the list price
    expect(await new PriceOutlierRule().evaluate(m, c, DEFAULT_RISK_THRESHOLDS)).not.toBeNull();
    expect(await new PriceOutlierRule().evaluate(m, c, riskThresholdsOf({ outlierMultipleBp: 30_000 }))).toBeNull();
  });
});
