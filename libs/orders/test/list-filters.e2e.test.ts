/**
 * A user in several organizations lists one of them at a time (the portals' organization switcher):
 * GET /orders?organizationId= and GET /claims?claimantId= narrow to that organization; naming one
 * the caller is not in answers nothing of it.
 */
import { fapiaoOf, grant, ok, orderUntil, startWorld, type World } from './order-world.js';

describe('orders and claims of one of my organizations', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 2 });
  }, 120_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('narrows the lists to the named organization', async () => {
    const [a, b] = w.enterprises;
    await grant(w, a, 500_000);
    await grant(w, b, 500_000);
    const ofA = await orderUntil(w, a, 'completed');
    const ofB = await ok(w.t.request('POST', '/api/v1/orders', { token: w.buyer.token, body: { offeringId: w.offeringId, enterpriseId: b, requirements: '样品 2 件' } }));

    const list = async (query: string, token = w.buyer.token) => (await ok(w.t.request('GET', `/api/v1/orders?${query}`, { token }))).items.map((o: { id: string }) => o.id);
    expect(await list('as=buyer')).toEqual(expect.arrayContaining([ofA, ofB.id]));
    expect(await list(`as=buyer&organizationId=${a}`)).toEqual([ofA]);
    expect(await list(`as=buyer&organizationId=${b}`)).toEqual([ofB.id]);
    expect(await list(`as=seller&organizationId=${w.provider.id}`, w.provider.owner.token)).toEqual(expect.arrayContaining([ofA, ofB.id]));
    expect(await list(`organizationId=${w.provider.id}`)).toEqual([]); // not one of the buyer's organizations
    expect((await w.t.request('GET', '/api/v1/orders?organizationId=nope', { token: w.buyer.token })).status).toBe(400);

    const claim = await ok(w.t.request('POST', '/api/v1/claims', { token: w.provider.owner.token, body: { orderId: ofA, invoice: await fapiaoOf(w, a, '40000001') } }));
    const claims = async (query: string) => (await ok(w.t.request('GET', `/api/v1/claims?${query}`, { token: w.provider.owner.token }))).items.map((c: { id: string }) => c.id);
    expect(await claims(`claimantId=${w.provider.id}`)).toEqual([claim.id]);
    expect(await claims(`claimantId=${a}`)).toEqual([]);
  });
});
