/**
 * The public marketplace in a real browser (issue #12, "Public marketplace"): search as you type
 * with highlighting (a Chinese sub-word), the last request wins, facets / sort / paging held in the
 * URL (a reload restores them), the offering page with the indicative subsidy for a signed-in
 * enterprise with a grant, the provider page, the programs pages; axe on each; no sideways
 * scrolling at 375 px. The world: libs/orders/test/order-world.ts (an admitted provider, an open
 * program subsidising textile testing at 50%) plus a catalog of some thirty offerings, indexed.
 */
import type { Page } from 'playwright-core';
import { grant, indexCatalog, publish, startWorld, type World } from '../../libs/orders/test/order-world.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, signIn, expectNoAxe } from './support.js';

const PILLING = '纺织品起毛起球检测';
const SHRINK = '纺织品尺寸稳定性（缩水率）检测';

describeBrowser('public marketplace (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let pillingId: string;

  beforeAll(async () => {
    w = await startWorld();
    const provider = { id: w.provider.id, owner: w.provider.owner };
    pillingId = await publish(w.t, w.officer, provider, { title: PILLING, pricing: { kind: 'fixed', priceFen: 48_000 }, leadTimeDays: 3, description: '依据 GB/T 4802 测定织物起毛起球性能，出具 CMA 报告。' });
    await publish(w.t, w.officer, provider, { title: SHRINK, pricing: { kind: 'per_unit', priceFen: 30_000, unitName: '样品' }, leadTimeDays: 4, qualificationKinds: [] });
    for (let i = 1; i <= 24; i++) {
      await publish(w.t, w.officer, provider, {
        title: `纺织面料检测套餐${i}号`,
        description: `第 ${i} 号检测套餐：成分、色牢度与pH值。`,
        pricing: { kind: 'fixed', priceFen: 20_000 + i * 7_000 },
        leadTimeDays: 2 + (i % 9),
        regionCodes: i % 2 ? ['350582'] : ['350581', '350583'],
        qualificationKinds: i % 3 ? ['CMA'] : [],
      });
    }
    await indexCatalog(w);
    // every enterprise of the buyer holds a voucher (the portal picks its first one)
    for (const e of w.enterprises) await grant(w, e, 500_000);
    s = await browserOn(w.t);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const results = (page: Page) => page.getByTestId('search-result');

  it('finds an offering by a Chinese sub-word, highlighted, and screenshots the home page', async () => {
    const { page } = await s.newPage();
    await page.goto(`/?q=${encodeURIComponent('起球')}`);
    await results(page).first().waitFor();
    const first = results(page).first();
    expect(await first.locator('h3').innerText()).toBe(PILLING);
    expect(await first.locator('h3 mark').allInnerTexts()).toContain('起球');
    // the highlight is rendered as text, never as markup from the server
    expect(await page.locator('.pub-results em').count()).toBe(0);
    expect(await page.getByTestId('search-input').inputValue()).toBe('起球');
    await expectNoAxe(page);
    await page.goto('/');
    await results(page).first().waitFor();
    await screenshot(page, 'public-home');
    // ECharts is not part of the home page: only the programs page's chart loads it
    expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /GrantedChart|echarts/i.test(r.name)).length)).toBe(0);
  });

  it('shows the results as plain links while the app is still loading, then the app takes over with them at once (no skeleton)', async () => {
    const { page } = await s.newPage();
    // the app's first bundle is held back until the early results have been seen
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/assets/index-*.js', async (route) => {
      await held;
      await route.continue();
    });
    // whether the app ever showed a skeleton for the results
    await page.addInitScript(() => {
      const w = window as unknown as { __skeleton: boolean };
      w.__skeleton = false;
      new MutationObserver(() => {
        if (document.querySelector('.pub-results-col .ant-skeleton')) w.__skeleton = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`/?q=${encodeURIComponent('起球')}`, { waitUntil: 'commit' });
    const early = page.getByTestId('search-early');
    await early.waitFor();
    // the search's results, as links to the offering and its provider (text, never markup)
    const link = early.getByRole('link', { name: PILLING, exact: true });
    expect(await link.getAttribute('href')).toBe(`/offerings/${pillingId}`);
    expect(await early.locator('.pub-result-provider').first().getAttribute('href')).toBe(`/providers/${w.provider.id}`);
    expect(await early.locator('mark, em, script').count()).toBe(0);
    expect(await results(page).count()).toBe(0);

    release();
    await results(page).first().waitFor();
    // the app replaced them: one list, the app's, with the highlight
    expect(await early.count()).toBe(0);
    expect(await results(page).first().locator('h3').innerText()).toBe(PILLING);
    expect(await page.evaluate(() => (window as unknown as { __skeleton: boolean }).__skeleton)).toBe(false);
    await expectNoAxe(page);
  });

  it('shows the answer of the last request when typing fast (an older answer landing late is ignored)', async () => {
    const { page } = await s.newPage();
    // the answer for 起球 is held back two seconds: it lands after the one for 缩水
    await page.route('**/api/v1/search/offerings?**', async (route) => {
      const q = new URL(route.request().url()).searchParams.get('q');
      if (q === '起球') await new Promise((r) => setTimeout(r, 2_000));
      await route.continue().catch(() => undefined); // the browser may have aborted it meanwhile
    });
    await page.goto('/');
    await results(page).first().waitFor();
    const box = page.getByTestId('search-input');
    await box.pressSequentially('起球', { delay: 30 });
    await page.waitForTimeout(400); // past the debounce: the 起球 request is out (and held)
    await box.fill('');
    await box.pressSequentially('缩水', { delay: 30 });
    await page.waitForURL((u) => u.searchParams.get('q') === '缩水');
    await page.locator('[data-testid="search-results"][data-q="缩水"]').waitFor();
    await page.waitForTimeout(2_500); // the held answer has landed (or was aborted) by now
    expect(await page.getByTestId('search-results').getAttribute('data-q')).toBe('缩水');
    const titles = await results(page).locator('h3').allInnerTexts();
    expect(titles).toEqual([SHRINK]);
    expect(await box.inputValue()).toBe('缩水');
  });

  it('keeps facets, sort and page in the URL, and a reload restores them', async () => {
    const { page } = await s.newPage();
    await page.goto('/');
    await results(page).first().waitFor();
    await page.locator('button[data-facet="qualification"]').filter({ hasText: 'CMA' }).click();
    await page.waitForURL((u) => u.searchParams.get('qualification') === 'CMA');
    await page.getByTestId('sort-select').selectOption({ label: '价格从低到高' });
    await page.waitForURL((u) => u.searchParams.get('sort') === 'price_asc');
    await page.locator('.pub-pager').getByRole('button', { name: '第 2 页' }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await page.locator('[data-testid="search-results"][data-page="2"]').waitFor();
    const before = await results(page).locator('h3').allInnerTexts();
    expect(before.length).toBeGreaterThan(0);
    const url = page.url();

    await page.reload();
    await page.locator('[data-testid="search-results"][data-page="2"]').waitFor();
    expect(page.url()).toBe(url);
    expect(await results(page).locator('h3').allInnerTexts()).toEqual(before);
    expect(await page.locator('button[data-facet="qualification"][aria-pressed="true"]').innerText()).toContain('CMA');
    expect(await page.getByTestId('sort-select').inputValue()).toBe('price_asc');
    expect(await page.locator('.pub-pager [aria-current="page"]').innerText()).toBe('2');
    // prices ascend within the page
    const prices = (await results(page).locator('.pub-result-price').allInnerTexts()).map((p) => Number(p.replace(/[^\d.]/g, '')));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    await expectNoAxe(page);
  });

  it('switches to English (its strings load on demand) and remembers it across a reload', async () => {
    const { page } = await s.newPage();
    await page.goto('/');
    await results(page).first().waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en-US');
    await page.getByRole('heading', { name: 'Technology services marketplace' }).waitFor();
    expect(await page.getByTestId('sort-select').locator('option:checked').innerText()).toBe('Best match');
    await page.reload();
    await page.getByRole('heading', { name: 'Technology services marketplace' }).waitFor();
    await page.goto('/programs');
    await page.getByRole('heading', { name: 'Voucher programs' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
  });

  it('fits a 375 px phone without sideways scrolling', async () => {
    const { page } = await s.newPage({ width: 375, height: 812 });
    await page.goto(`/?q=${encodeURIComponent('检测')}`);
    await results(page).first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'public-home-375');
    await page.goto(`/offerings/${w.offeringId}`);
    await page.getByTestId('offering-page').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.goto(`/providers/${w.provider.id}`);
    await page.getByTestId('provider-offerings').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.goto('/programs');
    await page.getByTestId('program-statistics').waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
  });

  it('shows an offering: provider, price, qualifications, programs; the indicative subsidy once an enterprise signs in', async () => {
    const { page } = await s.newPage();
    await page.goto(`/offerings/${w.offeringId}`);
    await page.getByTestId('offering-page').waitFor();
    expect(await page.getByTestId('offering-price').innerText()).toBe('¥1,000.00');
    expect(await page.getByTestId('offering-provider').getAttribute('href')).toBe(`/providers/${w.provider.id}`);
    expect(await page.getByTestId('order-button').getAttribute('href')).toBe(`/enterprise/orders/new?offering=${w.offeringId}`);
    await page.getByTestId('offering-programs').locator('a').first().waitFor();
    expect(await page.getByTestId('offering-programs').locator('a').first().getAttribute('href')).toBe(`/programs/${w.programId}`);
    expect(await page.getByText('CMA 资质认定').count()).toBeGreaterThan(0);
    expect(await page.getByText('登录企业账号后，可查看您的创新券可抵扣金额。').count()).toBe(1);
    await expectNoAxe(page);

    await signIn(page, w.buyer);
    await page.goto(`/offerings/${w.offeringId}`);
    const subsidy = page.getByTestId('offering-subsidy');
    await subsidy.waitFor();
    // 50% of ¥1,000.00 under a ¥20,000 cap and a ¥5,000 voucher: ¥500.00, and ¥500.00 of one's own
    expect(await subsidy.innerText()).toContain('¥500.00');
    expect(await subsidy.innerText()).toContain('预计自付 ¥500.00');
    expect(await subsidy.innerText()).toContain('指示性');
    expect(await page.getByTestId('offering-programs').innerText()).toContain('补贴比例 50%');
    await expectNoAxe(page);
    await screenshot(page, 'public-offering');
  });

  it('shows a provider page with its offerings', async () => {
    const { page } = await s.newPage();
    await page.goto(`/providers/${w.provider.id}`);
    await page.getByTestId('provider-offerings').waitFor();
    expect(await page.getByTestId('provider-offerings').locator('li').count()).toBeGreaterThanOrEqual(20);
    // the type and region come from the provider search, after the offerings
    await page.getByTestId('provider-page').getByText('检验检测机构').waitFor();
    expect(await page.getByTestId('provider-page').innerText()).toContain('丰泽区');
    await page.getByTestId('provider-offerings').getByText(PILLING).click();
    await page.waitForURL(`**/offerings/${pillingId}`);
    await page.goBack();
    await page.getByTestId('provider-offerings').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'public-provider');
  });

  it('shows the programs, their rules and the public figures to everyone, signed in or not', async () => {
    const { page } = await s.newPage();
    await page.goto('/programs');
    await page.getByTestId('program-item').first().waitFor();
    await page.getByTestId('program-statistics').waitFor();
    // three enterprises hold its vouchers: the granted amount is public, and charted (ECharts, loaded now)
    await page.getByTestId('granted-chart').locator('canvas').waitFor();
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /GrantedChart/.test(r.name)))).toBe(true);
    await expectNoAxe(page);
    await screenshot(page, 'public-programs');
    await page.getByTestId('program-item').first().locator('a').first().click();
    await page.getByTestId('program-rules').waitFor();
    expect(await page.getByTestId('program-rules').innerText()).toMatch(/纺织服装检测.*50%.*¥20,000\.00/);
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoAxe(page);
  });
});
