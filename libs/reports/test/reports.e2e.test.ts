/**
 * Reports over HTTP against real PostgreSQL: a program's figures per funding source reconcile to
 * the ledger to the fen after orders, a paid claim and a rejection; indicators carry formulas;
 * county staff see their county's part, others 404; the XLSX export reads back; the public
 * statistics show no cell under 3 enterprises.
 */
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { LedgerService } from '@innoserve/vouchers';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { expectDocumentedAnswer } from '../../../test/support/openapi.js';
import { grant, ok, startWorld, uploadPdf, type World } from '../../orders/test/order-world.js';
import { JINJIANG, NANAN } from '../../vouchers/test/program-support.js';

describe('reports', () => {
  let w: World;
  let county: AuthSession;
  let city: AuthSession;
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });

  beforeAll(async () => {
    w = await startWorld({ enterprises: 2 });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    const ds = w.t.app.get(DataSource);
    const [{ uscc: seller }] = await ds.query('SELECT uscc FROM organization WHERE id = $1', [w.provider.id]);
    let number = 80_000_000;
    for (const e of w.enterprises) {
      await grant(w, e, 300_000);
      for (let i = 0; i < 2; i++) {
        const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '报表' }));
        await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
        const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
        const [{ name, uscc }] = await ds.query('SELECT name, uscc FROM organization WHERE id = $1', [e]);
        await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
        await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
        await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
        await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
        const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId: order.id, invoice: { code: '3500231130', number: String(number++), issuedOn: '2026-03-10', amountFen: 100_000, sellerTaxId: seller, buyerTaxId: uscc } }));
        if (i === 0) {
          await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
          await ok(post(city.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
        } else {
          await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'reject', reason: '材料不全' }));
        }
      }
    }
  }, 240_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('reconciles the figures per funding source to the ledger, to the fen', async () => {
    const report = await ok(get(w.officer.token, `/api/v1/admin/reports/programs/${w.programId}`));
    expectDocumentedAnswer('get', '/api/v1/admin/reports/programs/{id}', { status: 200, body: report });
    expect(report.scope).toBe('program');
    const ledger = w.t.app.get(LedgerService);
    const m = w.t.app.get(DataSource).manager;
    for (const s of report.sources as { source: string; budgetFen: number; grantedFen: number; heldFen: number; payableFen: number; disbursedFen: number; lapsedFen: number; voidedFen: number; forfeitedFen: number; repaidFen: number; returnedFen: number; availableFen: number }[]) {
      expect({ source: s.source, pool: s.availableFen }).toEqual({ source: s.source, pool: Number(await ledger.balanceOf(m, w.programId, `pool:${s.source}`)) });
      expect({ source: s.source, payable: s.payableFen }).toEqual({ source: s.source, payable: Number(await ledger.balanceOf(m, w.programId, `payable:${s.source}`)) });
      // what the pool holds is what came in less what went out, by transaction type
      expect(s.budgetFen - s.grantedFen + s.lapsedFen + s.voidedFen + s.forfeitedFen + s.repaidFen - s.returnedFen).toBe(s.availableFen);
    }
    const city = report.sources.find((s: { source: string }) => s.source === 'city');
    expect(city).toMatchObject({ budgetFen: 50_000_000, grantedFen: 300_000, payableFen: 50_000, heldFen: 0 }); // two approved claims, 25,000 each from the city
    const indicators = Object.fromEntries(report.indicators.map((i: { key: string; value: number }) => [i.key, i.value]));
    expect(indicators).toMatchObject({ services_bought: 4, enterprises_served: 2, first_time_buyers: 2 });
    expect(report.indicators.every((i: { formula: string }) => i.formula.length > 10)).toBe(true);
    expect(report.claimPipeline).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'approved', count: 2, amountFen: 100_000 }), expect.objectContaining({ status: 'rejected', count: 2 })]));
    expect(report.reviewTimes.map((t: { levelKind: string }) => t.levelKind).sort()).toEqual(['city', 'county']);
    expect(report.providers).toEqual([expect.objectContaining({ providerId: w.provider.id, ordersCompleted: 4, redeemedFen: 100_000 })]);
  });

  it("shows county staff their county's part, and nothing to staff of another county", async () => {
    const part = await ok(get(county.token, `/api/v1/admin/reports/programs/${w.programId}`));
    expectDocumentedAnswer('get', '/api/v1/admin/reports/programs/{id}', { status: 200, body: part });
    expect(part).toMatchObject({ scope: 'county', regionCodes: [JINJIANG] });
    expect(part.sources.map((s: { source: string }) => s.source)).toEqual(['jinjiang']);
    expect(part.byCounty.map((c: { regionCode: string }) => c.regionCode)).toEqual([JINJIANG]);
    // their enterprises' share of the city pool: both grants are Jinjiang's, so all of the city's part
    expect(part.cityShare).toEqual([{ source: 'city', name: expect.any(String), grantedFen: 300_000, heldFen: 0, payableFen: 50_000, disbursedFen: 0 }]);
    expect(part).not.toHaveProperty('sources.0.source', 'city');
    const nanan = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
    expect((await ok(get(nanan.token, `/api/v1/admin/reports/programs/${w.programId}`))).byCounty).toEqual([]);
    const shishi = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350581'] }]);
    expect((await get(shishi.token, `/api/v1/admin/reports/programs/${w.programId}`)).status).toBe(404);
    expect((await get(w.buyer.token, `/api/v1/admin/reports/programs/${w.programId}`)).status).toBe(403);
  });

  it('exports the report as XLSX, read back', async () => {
    const res = await w.t.request('GET', `/api/v1/admin/reports/programs/${w.programId}/export`, { token: w.officer.token });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toContain('绩效指标 Indicators');
    const sources = wb.getWorksheet('资金来源 Sources')!;
    const cityRow = sources.getRows(2, sources.rowCount - 1)!.find((r) => r.getCell(1).value === 'city')!;
    expect(cityRow.getCell(6).value).toBe(50_000); // payable
  });

  it('publishes statistics without login, hiding every cell of fewer than 3 enterprises', async () => {
    const res = await w.t.request('GET', '/api/v1/public/statistics');
    expect(res.status).toBe(200);
    expect(res.body.minimumCell).toBe(3);
    expectDocumentedAnswer('get', '/api/v1/public/statistics', res);
    const program = res.body.programs.find((p: { programId: string }) => p.programId === w.programId);
    expect(program).toMatchObject({ grantedFen: null, enterprisesServed: null, ordersCompleted: null }); // two enterprises only
    expect(res.body.enterprisesByCountyAndCategory).toEqual([expect.objectContaining({ regionCode: JINJIANG, enterprises: null })]);
    expect(JSON.stringify(res.body)).not.toContain(w.enterprises[0]);
  });
});
