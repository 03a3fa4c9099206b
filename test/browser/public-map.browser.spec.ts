/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { Browser, Page } from 'playwright-core';
import {
  cspViolations,
  ensureWebBuilt,
  hasChromium,
  launchChromium,
  screenshot,
  seriousViolations,
} from '../support/browser';
import { UserRole } from '@app/identity';
import { DemoApp, startDemoApp } from '../support/demo-app';

jest.setTimeout(120_000);

/**
 * A resident on the public map, in a real browser (Debian's Chromium through playwright-core),
 * over the demo city: no sign-in, no map tiles (offline), everything from our own data.
 */
(hasChromium ? describe : describe.skip)('the public map, in Chromium', () => {
  let demo: DemoApp;
  let browser: Browser;
  let page: Page;
  let publicCount: number;

  beforeAll(async () => {
    ensureWebBuilt();
    demo = await startDemoApp();
    browser = await launchChromium();
    [{ n: publicCount }] = await demo.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM resource WHERE visibility = 'PUBLIC' AND status IN ('ACTIVE', 'PAUSED')`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });
  let refused: () => string[];
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    refused = cspViolations(page);
  });
  afterEach(async () => {
    // The pages run under their Content-Security-Policy without anything refused.
    expect(refused()).toEqual([]);
    await page?.close();
  });

  it('serves its pages with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${demo.t.baseUrl}/resources/x`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('shows every public place in the list and on the map, with the areas drawn', async () => {
    await page.goto(`${demo.t.baseUrl}/`);
    await page.getByRole('heading', { name: /見つかった場所 \d+件/ }).waitFor();
    const firstResultsMs = Number(
      await page.evaluate(() => document.documentElement.dataset.firstResultsMs),
    );
    // Reported, not asserted tightly: a busy machine is slower.
    process.stdout.write(`public map: first results after ${firstResultsMs} ms\n`);
    expect(firstResultsMs).toBeGreaterThan(0);
    expect(firstResultsMs).toBeLessThan(10_000);
    await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toContain(
      `${publicCount}件`,
    );
    expect(await page.locator('ol.hits > li').count()).toBe(Math.min(publicCount, 100));
    // The rest, a page at a time, until the list holds every one.
    while (await page.getByRole('button', { name: /さらに表示する/ }).count()) {
      const shown = await page.locator('ol.hits > li').count();
      await page.getByRole('button', { name: /さらに表示する/ }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('ol.hits > li').length > n,
        shown,
      );
    }
    expect(await page.locator('ol.hits > li').count()).toBe(publicCount);
    // The areas' outlines and the places (clusters or single markers), with no tile server.
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(10);
    expect(
      await page
        .locator('.leaflet-marker-pane .cluster, .leaflet-overlay-pane path.leaflet-interactive')
        .count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'public-map-desktop');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('works from the keyboard alone: search, reach a result, open it, come back', async () => {
    await page.goto(`${demo.t.baseUrl}/`);
    await page.getByRole('heading', { name: /見つかった場所 \d+件/ }).waitFor();
    // Tab from the top of the page until the search field has the focus.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'q')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('なごみ');
    await page.waitForFunction(() =>
      document.querySelector('ol.hits > li a')?.textContent?.includes('なごみ'),
    );
    // Onwards through the filters to the first result; its focus ring is visible.
    const first = page.locator('ol.hits > li a').first();
    const name = (await first.textContent())!;
    for (let i = 0; i < 80 && !(await first.evaluate((a) => a === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await first.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await first.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // The first stop on the place's page is the way back, to the same search.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('戻る');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /見つかった場所 \d+件/ }).waitFor();
    expect(await page.getByLabel('キーワードで探す').inputValue()).toBe('なごみ');
  });

  it('finds a place by a kana variant of its name, and opens its details', async () => {
    await page.goto(`${demo.t.baseUrl}/`);
    await page.getByLabel('キーワードで探す').fill('ナゴミ');
    await page.waitForURL(/q=%E3%83%8A/);
    // Katakana typed, hiragana in the name: the search folds one into the other and ranks the
    // name first.
    await page.waitForFunction(() =>
      document.querySelector('ol.hits > li a')?.textContent?.includes('なごみの家'),
    );
    const first = page.locator('ol.hits > li a').first();
    await screenshot(page, 'public-map-search');
    await first.click();
    await page.getByRole('heading', { level: 1, name: /なごみの家/ }).waitFor();
    expect(page.url()).toMatch(/\/resources\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '次の開催' }).waitFor();
    expect(await page.locator('ul.dates > li').count()).toBeGreaterThan(0);
    expect(await page.getByText('参加のしかた').count()).toBe(1);
    expect(await page.getByText(/情報の確認日|情報はまだ確認されていません/).count()).toBe(1);
    await screenshot(page, 'resource-details');
    expect(await seriousViolations(page)).toEqual([]);
    // Back to the list as it was.
    await page.getByRole('link', { name: /地図と一覧に戻る/ }).click();
    await expect(page.getByLabel('キーワードで探す').inputValue()).resolves.toBe('ナゴミ');
  });

  it('a shared URL restores the search and the filters, on a phone', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'ja-JP',
    });
    try {
      await phone.goto(
        `${demo.t.baseUrl}/?q=${encodeURIComponent('カフェ')}&kind=IBASHO&gentle=observationVisit`,
      );
      await phone.getByRole('heading', { name: /見つかった場所 \d+件/ }).waitFor();
      await expect(phone.getByLabel('キーワードで探す').inputValue()).resolves.toBe('カフェ');
      expect(await phone.getByRole('checkbox', { name: '居場所' }).isChecked()).toBe(true);
      expect(await phone.getByRole('checkbox', { name: '見学だけでも可' }).isChecked()).toBe(true);
      const kinds = await phone.locator('ol.hits .kind').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['居場所']));
      const badges = await phone
        .locator('ol.hits > li')
        .evaluateAll((items) => items.every((li) => li.textContent?.includes('見学だけでも可')));
      expect(badges).toBe(true);
      await screenshot(phone, 'public-map-phone');
      expect(await seriousViolations(phone)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('filters by weekday and time of day, and by theme, as the api counts them; near typed coordinates', async () => {
    const count = async (filter: Record<string, unknown>) => {
      const [{ id: m }] = await demo.ds.query<{ id: string }[]>(
        `SELECT id FROM municipality LIMIT 1`,
      );
      const res = await demo.t.gql<{ searchResources: { totalCount: number } }>(
        `query ($f: ResourceFilter, $m: ID) { searchResources(filter: $f, municipalityId: $m) { totalCount } }`,
        { f: filter, m },
      );
      return res.data!.searchResources.totalCount;
    };
    const shown = async () =>
      Number(/(\d+)件/.exec((await page.locator('#results-heading').textContent())!)![1]);
    await page.goto(demo.t.baseUrl);
    await page.getByRole('heading', { name: /見つかった場所 \d+件/ }).waitFor();
    await page.getByRole('checkbox', { name: '土', exact: true }).check();
    await page.getByLabel('時間帯').selectOption('morning');
    await page.waitForURL(/days=6&hours=morning/);
    const saturdayMornings = await count({
      weekly: { weekdays: [6], from: '06:00', to: '12:00' },
    });
    expect(saturdayMornings).toBeGreaterThan(0);
    expect(saturdayMornings).toBeLessThan(publicCount);
    await page.waitForFunction(
      (n) => document.querySelector('#results-heading')?.textContent?.includes(`${n}件`),
      saturdayMornings,
    );
    // The view comes back from its address.
    await page.reload();
    await page
      .getByRole('heading', { name: new RegExp(`見つかった場所 ${saturdayMornings}件`) })
      .waitFor();
    expect(await page.getByRole('checkbox', { name: '土', exact: true }).isChecked()).toBe(true);

    await page.goto(demo.t.baseUrl);
    const theme = (await page.getByLabel('テーマ').locator('option').nth(1).getAttribute('value'))!;
    await page.getByLabel('テーマ').selectOption(theme);
    const themed = await count({ themes: [theme] });
    await page.waitForFunction(
      (n) => document.querySelector('#results-heading')?.textContent?.includes(`${n}件`),
      themed,
    );
    expect(await shown()).toBe(themed);

    const near = page.getByLabel(/緯度,経度で指定/);
    await near.fill('35.0,139.0,x');
    await near.press('Enter');
    await page.getByRole('alert').filter({ hasText: '緯度,経度の形で' }).waitFor();
    const [{ lat, lon }] = await demo.ds.query<{ lat: number; lon: number }[]>(
      `SELECT ST_Y(label_point::geometry) AS lat, ST_X(label_point::geometry) AS lon FROM area WHERE level = 'DISTRICT' LIMIT 1`,
    );
    await near.fill(`${lat},${lon}`);
    await near.press('Enter');
    await page.waitForURL(/near=/);
    await page.getByRole('button', { name: '近くの指定をやめる' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-map-filters');
  });

  it('shows a name as text on the map, never as markup', async () => {
    const name = 'タグのテスト<img src=x onerror="window.__injected=1">';
    // Renamed as a host or an import would, through the API (the search index follows).
    const [{ id }] = await demo.ds.query<{ id: string }[]>(
      `SELECT id FROM resource WHERE visibility = 'PUBLIC' AND status = 'ACTIVE'
          AND NOT confidential_location AND location IS NOT NULL ORDER BY name LIMIT 1`,
    );
    const admin = demo.accounts.find((a) => a.role === UserRole.ADMIN)!;
    const login = await demo.t.gql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: admin.email, p: admin.password },
    );
    const renamed = await demo.t.gql(
      `mutation ($id: ID!, $name: String!) { updateResource(id: $id, input: { name: $name }) { id } }`,
      { id, name },
      { authorization: `Bearer ${login.data!.login.accessToken}` },
    );
    expect(renamed.errors).toBeUndefined();
    await page.goto(`${demo.t.baseUrl}/?q=${encodeURIComponent('タグのテスト')}`);
    await page.locator('ol.hits > li a', { hasText: 'タグのテスト' }).first().waitFor();
    // The one place found is the one marker (blue, not an area); its tooltip opens on hover.
    await page.locator('path[fill="#1f5fa8"]').first().hover();
    const tooltip = page.locator('.leaflet-tooltip', { hasText: 'タグのテスト' });
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('<img src=x');
    expect(await tooltip.locator('img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: number }).__injected),
    ).toBeUndefined();
  });
});
