/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  ensureWebBuilt,
  hasChromium,
  launchChromium,
  screenshot,
  seriousViolations,
} from '../support/browser';
import { UserRole } from '@app/identity';
import { DemoApp, startDemoApp } from '../support/demo-app';

jest.setTimeout(180_000);

/**
 * The referral round, in a real browser over the demo city: a coordinator signs in, matches a
 * demo person, reads why each place fits, sends a referral; the host signs in and accepts it;
 * the coordinator sees the acceptance.
 */
(hasChromium ? describe : describe.skip)('coordinator console and host portal, in Chromium', () => {
  let demo: DemoApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    demo = await startDemoApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const account = (role: UserRole) => demo.accounts.find((a) => a.role === role)!;
  const signIn = async (page: Page, role: UserRole) => {
    await page.goto(`${demo.t.baseUrl}/login`);
    await page.getByLabel('メールアドレス').fill(account(role).email);
    await page.getByLabel('パスワード').fill(account(role).password);
    await page.getByRole('button', { name: 'サインイン' }).click();
  };

  /**
   * A demo person who agreed to share their profile with hosts, and a place among their matches
   * they have not been referred to yet; the demo host is made a member of that place's host.
   */
  async function pickPair(): Promise<{ alias: string; resourceName: string }> {
    const login = await demo.t.gql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: account(UserRole.COORDINATOR).email, p: account(UserRole.COORDINATOR).password },
    );
    const auth = { authorization: `Bearer ${login.data!.login.accessToken}` };
    const consenting = await demo.ds.query<{ id: string }[]>(
      `SELECT DISTINCT c.candidate_id AS id FROM consent c
        WHERE 'HOST:PROFILE' = ANY (c.scopes) AND c.withdrawn_at IS NULL
          AND (c.expires_at IS NULL OR c.expires_at > now())`,
    );
    for (const { id } of consenting) {
      const res = await demo.t.gql<{
        matchResources: {
          alias: string;
          matches: { resource: { id: string; name: string; organization: { id: string } } }[];
        };
      }>(
        `query ($id: ID!) { matchResources(candidateId: $id, first: 10, purpose: "ブラウザテストの準備") { alias matches { resource { id name organization { id } } } } }`,
        { id },
        auth,
      );
      for (const m of res.data?.matchResources.matches ?? []) {
        const [{ open }] = await demo.ds.query<{ open: number }[]>(
          `SELECT count(*)::int AS open FROM referral WHERE candidate_id = $1 AND resource_id = $2
              AND status NOT IN ('DECLINED', 'ENDED', 'WITHDRAWN', 'STEPPED_UP')`,
          [id, m.resource.id],
        );
        if (open) continue;
        // A place with a seat free, so that the host's acceptance is an acceptance.
        const [{ full }] = await demo.ds.query<{ full: boolean }[]>(
          `SELECT capacity IS NOT NULL AND seats_taken >= capacity AS full FROM resource WHERE id = $1`,
          [m.resource.id],
        );
        if (full) continue;
        await demo.ds.query(
          `INSERT INTO user_organization (user_id, organization_id, municipality_id)
           SELECT u.id, $1, u.municipality_id FROM app_user u WHERE u.role = 'HOST'
           ON CONFLICT DO NOTHING`,
          [m.resource.organization.id],
        );
        return { alias: res.data!.matchResources.alias, resourceName: m.resource.name };
      }
    }
    throw new Error('the demo data has no consenting person with a match to refer to');
  }

  it('match, explain, refer; the host accepts; the coordinator sees it', async () => {
    const { alias, resourceName } = await pickPair();
    const coordinator = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    await signIn(coordinator, UserRole.COORDINATOR);
    await coordinator.waitForURL(/\/console$/);
    await coordinator.getByRole('link', { name: `${alias}に合う場所を探す` }).click();
    await coordinator.getByRole('heading', { level: 1, name: `${alias}に合う場所` }).waitFor();
    const card = coordinator.locator('li.match', {
      has: coordinator.getByRole('heading', { name: resourceName }),
    });
    // The explanation: reasons in plain words, to read aloud with the person.
    const reasons = await card.locator('ul.reasons > li').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.trim().length > 3)).toBe(true);
    expect(await seriousViolations(coordinator)).toEqual([]);
    await card.getByRole('button', { name: `${resourceName}に紹介する` }).click();
    await card.getByLabel('希望する時期・時間帯').fill('平日の午後');
    await card.getByRole('button', { name: '紹介を送る' }).click();
    await card.getByRole('status').filter({ hasText: '紹介を送りました' }).waitFor();
    await screenshot(coordinator, 'console-referral-sent');

    const host = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await signIn(host, UserRole.HOST);
    await host.waitForURL(/\/host$/);
    const incoming = host
      .locator('li.referral', { hasText: `${alias}（${resourceName}）` })
      .filter({ has: host.getByRole('button', { name: '受け入れる' }) });
    await incoming.waitFor();
    // Only what the person agreed to share: the pseudonym, no real name.
    expect(await incoming.textContent()).toContain('平日の午後');
    expect(await seriousViolations(host)).toEqual([]);
    await screenshot(host, 'host-incoming-referral');
    await incoming.getByRole('button', { name: '受け入れる' }).click();
    const accepted = host
      .locator('li.referral', { hasText: `${alias}（${resourceName}）` })
      .filter({ hasText: '状態: 受け入れ決定' })
      .first();
    await accepted.waitFor();
    // The host records the first visit in the participation log.
    await accepted.getByLabel('いた時間（分）').fill('90');
    await accepted.getByRole('button', { name: '参加を記録する' }).click();
    await accepted.getByText(/参加 90分/).waitFor();
    expect(await seriousViolations(host)).toEqual([]);
    await screenshot(host, 'host-accepted');

    await coordinator.getByRole('link', { name: '紹介の状況' }).click();
    const row = coordinator
      .locator('tr', { hasText: resourceName })
      .filter({ hasText: alias })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain('受け入れ決定');
    await screenshot(coordinator, 'console-referral-accepted');
    expect(await seriousViolations(coordinator)).toEqual([]);

    // The referral's own page: its timeline, the host's entry in the log, then the next step.
    await row.getByRole('link', { name: alias }).click();
    await coordinator
      .getByRole('heading', { level: 1, name: `${alias}（${resourceName}）` })
      .waitFor();
    const timeline = await coordinator.locator('ol.timeline > li').allTextContents();
    expect(timeline.join('\n')).toMatch(/送付済み[\s\S]*受け入れ決定/);
    await coordinator.getByText(/参加 90分/).waitFor();
    await coordinator.getByRole('button', { name: '参加している' }).click();
    await coordinator.getByText('状態: 参加中').waitFor();
    await coordinator.getByRole('button', { name: '次の一歩の候補を見る' }).click();
    await coordinator
      .locator('li.match')
      .first()
      .or(coordinator.getByText('次の一歩になる場所は見つかりませんでした'))
      .waitFor();
    expect(await seriousViolations(coordinator)).toEqual([]);
    await screenshot(coordinator, 'console-referral-detail');
  });

  it('a host sees what an import left to check, and confirms a listing in one click', async () => {
    const [listing] = await demo.ds.query<{ id: string; name: string }[]>(
      `SELECT r.id, r.name FROM resource r
         JOIN user_organization uo ON uo.organization_id = r.organization_id
         JOIN app_user u ON u.id = uo.user_id
        WHERE u.role = 'HOST' AND r.status = 'ACTIVE' ORDER BY r.name LIMIT 1`,
    );
    // As an import leaves a listing placed at its area, never confirmed by a person.
    await demo.ds.query(
      `UPDATE resource SET to_confirm = '{PIN_LOCATION}', last_verified_at = NULL WHERE id = $1`,
      [listing.id],
    );
    const host = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await signIn(host, UserRole.HOST);
    await host.waitForURL(/\/host$/);
    await host.getByRole('link', { name: '活動の情報' }).click();
    // The card is the one whose button names this listing (names can share a prefix).
    const card = host
      .locator('li.listing')
      .filter({ hasText: `${listing.name}の情報は正しい（確認済みにする）` });
    await card.waitFor();
    expect(await card.textContent()).toContain('地図上の場所が地区の位置のままです');
    expect(await card.textContent()).toContain('まだ確認されていません');
    expect(await seriousViolations(host)).toEqual([]);
    await card
      .getByRole('button', { name: `${listing.name}の情報は正しい（確認済みにする）` })
      .click();
    await card.getByText(/確認日: \d{4}年\d{1,2}月\d{1,2}日/).waitFor();
    await screenshot(host, 'host-listings');
    const [{ verified }] = await demo.ds.query<{ verified: boolean }[]>(
      `SELECT last_verified_at > now() - interval '1 minute' AS verified FROM resource WHERE id = $1`,
      [listing.id],
    );
    expect(verified).toBe(true);
  });

  it('follow-ups to do, and the indicators as charts and a CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await signIn(page, UserRole.COORDINATOR);
    await page.waitForURL(/\/console$/);
    await page.getByRole('link', { name: 'フォローアップ' }).click();
    await page.getByRole('heading', { level: 1, name: 'フォローアップ' }).waitFor();
    await page.getByRole('heading', { name: /^期限を過ぎたもの（\d+件）$/ }).waitFor();
    const open = page.locator('li.follow-up');
    // The demo city has a follow-up still to do.
    expect(await open.count()).toBeGreaterThan(0);
    const done = (await open.first().locator('p').textContent())!;
    await open.first().getByRole('button').click();
    // It leaves the list (an automatic one is followed by the next, a month on: another date).
    await page.waitForFunction(
      (text) =>
        !Array.from(document.querySelectorAll('li.follow-up p')).some(
          (p) => p.textContent === text,
        ),
      done,
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '指標' }).click();
    await page.getByRole('heading', { name: '紹介の状況' }).waitFor();
    // A bar per status, each with its number in words beside it.
    const statuses = page.locator('section.chart', { hasText: '紹介の状況' }).locator('tbody tr');
    expect(await statuses.count()).toBeGreaterThan(2);
    expect(await page.getByRole('heading', { name: /足りない場所/ }).count()).toBe(1);
    await screenshot(page, 'console-indicators');
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVをダウンロード' }).click(),
    ]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('紹介');
    await page.close();
  });

  it('a resident offers to help with a need; the host reads it, answers, and adds a need', async () => {
    // An open need of an organisation the demo host belongs to.
    const [need] = await demo.ds.query<
      { id: string; description: string; organization_id: string; organization_name: string }[]
    >(
      `SELECT n.id, n.description, n.organization_id, o.name AS organization_name
         FROM host_need n JOIN organization o ON o.id = n.organization_id
        WHERE n.is_open AND n.kind = 'PEOPLE' ORDER BY n.description LIMIT 1`,
    );
    await demo.ds.query(
      `INSERT INTO user_organization (user_id, organization_id, municipality_id)
       SELECT u.id, $1, u.municipality_id FROM app_user u WHERE u.role = 'HOST'
       ON CONFLICT DO NOTHING`,
      [need.organization_id],
    );

    const resident = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
    });
    await resident.goto(demo.t.baseUrl);
    await resident.getByRole('link', { name: /地域の活動を手伝いたい方へ/ }).click();
    await resident.getByRole('heading', { level: 1, name: /地域の活動を手伝う/ }).waitFor();
    await resident.getByRole('checkbox', { name: '人手' }).check();
    const card = resident.locator('li.need', {
      has: resident.getByRole('heading', { name: need.description, exact: true }),
    });
    await card.waitFor();
    // Only needs for people once 人手 is ticked.
    expect(await resident.locator('li.need .meta').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('人手')]),
    );
    expect(
      (await resident.locator('li.need .meta').allTextContents()).every((t) => t.includes('人手')),
    ).toBe(true);
    await card.getByRole('button', { name: 'この募集に申し出る' }).click();
    await card.getByLabel(/お名前/).fill('川村 みのり');
    await card.getByLabel('メールアドレス').fill('minori.kawamura@example.jp');
    await card.getByLabel(/ひとこと/).fill('土曜の午前なら手伝えます');
    expect(await seriousViolations(resident)).toEqual([]);
    // Without the agreement the server refuses, saying why, and nothing is sent.
    await card.getByRole('button', { name: '申し出る' }).click();
    await card.getByRole('alert').filter({ hasText: '同意が必要です' }).waitFor();
    await card.getByRole('checkbox', { name: /伝えることに同意します/ }).check();
    await card.getByRole('button', { name: '申し出る' }).click();
    await card.getByRole('status').filter({ hasText: '申し出を届けました' }).waitFor();
    await screenshot(resident, 'help-offer-sent');

    const host = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await signIn(host, UserRole.HOST);
    await host.waitForURL(/\/host$/);
    await host.getByRole('link', { name: '手伝いの申し出' }).click();
    const offer = host.locator('li.offer', { hasText: '川村 みのりさん' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('minori.kawamura@example.jp');
    expect(await offer.textContent()).toContain('土曜の午前なら手伝えます');
    expect(await seriousViolations(host)).toEqual([]);
    await screenshot(host, 'host-offers');
    await offer.getByRole('button', { name: 'お願いする' }).click();
    // Erasing the contact is confirmed first: nothing is erased yet.
    const [{ kept }] = await demo.ds.query<{ kept: boolean }[]>(
      `SELECT bool_and(contact_encrypted IS NOT NULL) AS kept FROM help_offer WHERE need_id = $1`,
      [need.id],
    );
    expect(kept).toBe(true);
    await offer.getByRole('button', { name: '対応を終えて連絡先を消去する' }).click();
    await host.getByRole('status').filter({ hasText: '連絡先を消去しました' }).waitFor();
    await host.getByText('対応を待っている申し出はありません。').waitFor();
    const [{ erased }] = await demo.ds.query<{ erased: boolean }[]>(
      `SELECT bool_and(contact_encrypted IS NULL) AS erased FROM help_offer WHERE need_id = $1`,
      [need.id],
    );
    expect(erased).toBe(true);

    // The host adds a need; residents see it.
    await host.getByRole('link', { name: '募集していること' }).click();
    await host.getByLabel('必要なこと').fill('会場設営の手伝い（第2土曜の朝）');
    await host.getByRole('button', { name: '追加する' }).click();
    await host.getByRole('heading', { name: '会場設営の手伝い（第2土曜の朝）' }).waitFor();
    expect(await seriousViolations(host)).toEqual([]);
    await screenshot(host, 'host-needs');
    await resident.goto(`${demo.t.baseUrl}/help`);
    await resident.getByRole('heading', { name: '会場設営の手伝い（第2土曜の朝）' }).waitFor();

    // The host keeps its organisation's contact details current; a wrong number is refused.
    await host.getByRole('link', { name: '団体の情報' }).click();
    const form = host.getByRole('form', { name: need.organization_name });
    await form.getByLabel('電話番号').fill('12345');
    await form.getByRole('button', { name: /の情報を保存する$/ }).click();
    await form.getByRole('alert').filter({ hasText: '電話番号' }).waitFor();
    await form.getByLabel('電話番号').fill('042-555-0123');
    await form.getByRole('button', { name: /の情報を保存する$/ }).click();
    await form.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const [{ phone }] = await demo.ds.query<{ phone: string }[]>(
      `SELECT phone FROM organization WHERE id = $1`,
      [need.organization_id],
    );
    expect(phone).toBe('042-555-0123');
    expect(await seriousViolations(host)).toEqual([]);
  });

  it('a host registers a listing, previews its dates on a calendar before saving, saves, pauses it', async () => {
    const host = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
    });
    await signIn(host, UserRole.HOST);
    await host.waitForURL(/\/host$/);
    await host.getByRole('link', { name: '活動の情報' }).click();
    await host.getByRole('link', { name: '新しい活動を登録する' }).click();
    await host.getByLabel('名称').fill('北町おしゃべりカフェ');
    await host.getByLabel('住所').fill('みどり市北町1-2-3');
    await host.getByLabel('定員（空欄は制限なし）').fill('8');
    await host.getByRole('checkbox', { name: '見学だけでも可' }).check();
    await host.getByRole('button', { name: '繰り返しの日程を追加' }).click();
    await host.getByRole('checkbox', { name: '月', exact: true }).check();
    await host.getByRole('button', { name: '登録する' }).click();
    await host.getByRole('heading', { level: 1, name: '北町おしゃべりカフェの編集' }).waitFor();
    const [created] = await demo.ds.query<{ id: string; capacity: number }[]>(
      `SELECT id, capacity FROM resource WHERE name = '北町おしゃべりカフェ'`,
    );
    expect(created.capacity).toBe(8);

    // The calendar shows the saved rule's dates; ticking Tuesday shows more, before saving.
    const count = async () =>
      Number(
        /この2か月で(\d+)回/.exec((await host.locator('.calendar-preview').textContent())!)![1],
      );
    await host.getByText(/この2か月で\d+回/).waitFor();
    const mondays = await count();
    expect(mondays).toBeGreaterThan(3);
    expect(await host.locator('.month td.open .time').first().textContent()).toBe('10:00');
    await host.getByRole('checkbox', { name: '火', exact: true }).check();
    await host.waitForFunction((before) => {
      const m = /この2か月で(\d+)回/.exec(
        document.querySelector('.calendar-preview')?.textContent ?? '',
      );
      return m !== null && Number(m[1]) > before;
    }, mondays);
    const unsaved = await demo.ds.query<{ weekdays: number[] }[]>(
      `SELECT weekdays FROM resource_schedule WHERE resource_id = $1`,
      [created.id],
    );
    expect(unsaved.map((r) => r.weekdays)).toEqual([[1]]);
    expect(await seriousViolations(host)).toEqual([]);
    await screenshot(host, 'host-listing-editor');

    // An end before the start is refused with words naming it; nothing is saved.
    await host.getByLabel('終了').first().fill('09:00');
    await host.getByRole('button', { name: '保存する' }).click();
    await host.getByRole('alert').filter({ hasText: '終了' }).waitFor();
    await host.getByLabel('終了').first().fill('12:00');
    await host.getByRole('button', { name: '保存する' }).click();
    await host.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const saved = await demo.ds.query<{ weekdays: number[] }[]>(
      `SELECT weekdays FROM resource_schedule WHERE resource_id = $1`,
      [created.id],
    );
    expect(saved.map((r) => r.weekdays)).toEqual([[1, 2]]);

    await host.getByLabel(/休止の理由/).fill('年末の大掃除');
    await host.getByRole('button', { name: '休止する' }).click();
    await host.getByRole('button', { name: '再開する' }).waitFor();
    const [paused] = await demo.ds.query<{ status: string; status_note: string }[]>(
      `SELECT status, status_note FROM resource WHERE id = $1`,
      [created.id],
    );
    expect(paused).toEqual({ status: 'PAUSED', status_note: '年末の大掃除' });

    // As an import leaves it: the list's own wording, and questions for the host.
    await demo.ds.query(
      `UPDATE resource SET schedule_text = '不定期（月2回程度）', to_confirm = '{PIN_LOCATION,SCHEDULE_TIMES}' WHERE id = $1`,
      [created.id],
    );
    await host.reload();
    await host.getByText('取り込んだ一覧での表記: 「不定期（月2回程度）」').waitFor();
    // Meanwhile referrals take seats: the editor's old copy of that count must not be written back.
    await demo.ds.query(`UPDATE resource SET seats_taken = 3 WHERE id = $1`, [created.id]);
    // Numbers as people type them: full-width digits are read; a point needs both coordinates.
    await host.getByLabel('定員（空欄は制限なし）').fill('１０');
    await host.getByLabel('緯度').fill('35.6');
    await host.getByRole('button', { name: '保存する' }).click();
    await host.getByText('緯度と経度は両方入力してください', { exact: false }).first().waitFor();
    expect(await host.getByLabel('経度').getAttribute('aria-invalid')).toBe('true');
    await host.getByLabel('緯度').fill('');
    await host.getByRole('button', { name: '保存する' }).click();
    await host.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    // Only what was changed is sent: the wording and the open questions stay.
    const [after] = await demo.ds.query<
      { capacity: number; seats_taken: number; schedule_text: string; to_confirm: string[] }[]
    >(`SELECT capacity, seats_taken, schedule_text, to_confirm FROM resource WHERE id = $1`, [
      created.id,
    ]);
    expect(after).toEqual({
      capacity: 10,
      seats_taken: 3,
      schedule_text: '不定期（月2回程度）',
      to_confirm: ['PIN_LOCATION', 'SCHEDULE_TIMES'],
    });
    // The host says the schedule is right as it is: that question is answered, the other stays.
    await host.getByRole('checkbox', { name: '日程はこのままで正しい' }).check();
    await host.getByRole('button', { name: '保存する' }).click();
    await host.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const [answered] = await demo.ds.query<{ to_confirm: string[] }[]>(
      `SELECT to_confirm FROM resource WHERE id = $1`,
      [created.id],
    );
    expect(answered.to_confirm).toEqual(['PIN_LOCATION']);
    expect(await host.getByRole('checkbox', { name: '日程はこのままで正しい' }).count()).toBe(0);
  });

  it('a coordinator searches the catalogue with staff filters, then proposes a batch allocation, locks one pair and excludes another', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
    });
    await signIn(page, UserRole.COORDINATOR);
    await page.waitForURL(/\/console$/);
    await page.getByRole('link', { name: '活動をさがす' }).click();
    await page.getByRole('heading', { level: 1, name: '活動をさがす' }).waitFor();
    await page.getByRole('checkbox', { name: /空きがある/ }).check();
    await page.getByRole('checkbox', { name: '居場所' }).check();
    const login = await demo.t.gql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: account(UserRole.COORDINATOR).email, p: account(UserRole.COORDINATOR).password },
    );
    const res = await demo.t.gql<{ searchResources: { totalCount: number } }>(
      `{ searchResources(filter: { hasOpenSeats: true, kinds: [IBASHO] }) { totalCount } }`,
      {},
      { authorization: `Bearer ${login.data!.login.accessToken}` },
    );
    const expected = res.data!.searchResources.totalCount;
    expect(expected).toBeGreaterThan(0);
    await page.locator('caption', { hasText: `${expected}件` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-catalogue');

    await page.getByRole('link', { name: '一括の割り当て' }).click();
    await page.getByRole('heading', { level: 1, name: '一括の割り当て' }).waitFor();
    // Three people with a profile, and for each the place that fits them best (from the api).
    const auth = { authorization: `Bearer ${login.data!.login.accessToken}` };
    const list = await demo.t.gql<{
      candidates: { edges: { node: { id: string; alias: string; profile: unknown } }[] };
    }>(
      `{ candidates(first: 100, purpose: "ブラウザテストの準備") { edges { node { id alias profile { paceStage } } } } }`,
      {},
      auth,
    );
    const chosen: { alias: string; place: string }[] = [];
    for (const { node } of list.data!.candidates.edges) {
      if (!node.profile || chosen.length === 3) continue;
      const m = await demo.t.gql<{ matchResources: { matches: { resource: { name: string } }[] } }>(
        `query ($id: ID!) { matchResources(candidateId: $id, first: 1, purpose: "ブラウザテストの準備") { matches { resource { name } } } }`,
        { id: node.id },
        auth,
      );
      const place = m.data?.matchResources.matches[0]?.resource.name;
      if (place) chosen.push({ alias: node.alias, place });
    }
    expect(chosen.length).toBeGreaterThan(1);
    for (const c of chosen)
      await page.getByRole('checkbox', { name: c.alias, exact: true }).check();
    for (const place of new Set(chosen.map((c) => c.place))) {
      await page.getByLabel('キーワード').fill(place);
      const pick = page.getByRole('checkbox', { name: `${place}を選ぶ`, exact: true });
      await pick.waitFor();
      await pick.check();
    }
    await page.getByRole('button', { name: '割り当てを提案する' }).click();
    const rows = page.locator('.proposal tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    // Every proposed pair says why it fits.
    expect(await rows.first().locator('ul.reasons li').count()).toBeGreaterThan(0);

    const lock = rows.first().getByRole('checkbox', { name: /の組を固定する/ });
    const lockedName = (await lock.getAttribute('aria-label'))!;
    await lock.click();
    await page.getByRole('checkbox', { name: lockedName }).and(page.locator(':checked')).waitFor();
    // Two pairs at least (each person was given a place that fits them).
    expect(await rows.count()).toBeGreaterThan(1);
    const exclude = rows.nth(1).getByRole('button', { name: /の組を外す/ });
    const excludedName = (await exclude.textContent())!;
    await exclude.click();
    await page.getByText('外した組: 1組').waitFor();
    expect(await page.getByRole('button', { name: excludedName }).count()).toBe(0);
    // The locked pair is still proposed.
    expect(await page.getByRole('checkbox', { name: lockedName }).isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-allocation');
    await page.close();
  });

  it('a coordinator registers a person with their profile, sees matches, then edits the profile', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'ja-JP',
    });
    await signIn(page, UserRole.COORDINATOR);
    await page.waitForURL(/\/console$/);
    await page.getByRole('link', { name: '新しい方を登録する' }).click();
    await page.getByLabel(/^仮名/).fill('Zさん');
    await page.getByRole('radio', { name: '短い作業なら' }).check();
    await page.getByRole('button', { name: '来られる時間帯を追加' }).click();
    await page.getByLabel('曜日').selectOption('2');
    await page.getByLabel('から').fill('10:00');
    await page.getByLabel('まで', { exact: true }).fill('09:00');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-candidate-profile');
    // An end before the start is refused with words; nothing is created.
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('alert').waitFor();
    const [{ n: none }] = await demo.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM candidate WHERE alias = 'Zさん'`,
    );
    expect(none).toBe(0);
    await page.getByLabel('まで', { exact: true }).fill('12:00');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zさんに合う場所' }).waitFor();
    await page.getByText(/か所から、条件に合う場所を合う順に並べました/).waitFor();

    const [{ id }] = await demo.ds.query<{ id: string }[]>(
      `SELECT id FROM candidate WHERE alias = 'Zさん'`,
    );
    const login = await demo.t.gql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: account(UserRole.COORDINATOR).email, p: account(UserRole.COORDINATOR).password },
    );
    const auth = { authorization: `Bearer ${login.data!.login.accessToken}` };
    // What the editor does not show must survive its save: home, group sizes, physical demand.
    const PROFILE = `paceStage supportPhase goals interests strengths resident birthYear
      limits { maxSessionMinutes sessionsPerWeek needsQuiet talkingOptional wantsSupporter wantsObservationFirst }
      availability { weekday from to } travel { mode minutes } home { latitude longitude }
      constraints { avoidCrowds onlineOnly maxFeeYen maxPhysicalDemand groupSizes }`;
    const current = await demo.t.gql<{ candidate: { profile: Record<string, unknown> } }>(
      `query ($id: ID!) { candidate(id: $id, purpose: "ブラウザテストの準備") { profile { ${PROFILE} } } }`,
      { id },
      auth,
    );
    const profile = current.data!.candidate.profile;
    const enriched = await demo.t.gql(
      `mutation ($id: ID!, $input: UpdateCandidateInput!) { updateCandidate(id: $id, input: $input) { id } }`,
      {
        id,
        input: {
          profile: {
            ...profile,
            home: { latitude: 35.66, longitude: 139.7 },
            constraints: {
              ...(profile.constraints as object),
              maxPhysicalDemand: 'LOW',
              groupSizes: ['ONE_ON_ONE', 'SMALL'],
            },
          },
        },
      },
      auth,
    );
    expect(enriched.errors).toBeUndefined();
    await page.goto(`${demo.t.baseUrl}/console/candidates/${id}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Zさんのプロフィール' }).waitFor();
    expect(await page.getByRole('radio', { name: '短い作業なら' }).isChecked()).toBe(true);
    expect(await page.getByLabel('まで', { exact: true }).inputValue()).toBe('12:00');
    await page.getByRole('radio', { name: '定期的な活動へ' }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    const read = await demo.t.gql<{ candidate: { profile: Record<string, unknown> } }>(
      `query ($id: ID!) { candidate(id: $id, purpose: "ブラウザテストの確認") { profile { paceStage availability { weekday from to } home { latitude } constraints { maxPhysicalDemand groupSizes } } } }`,
      { id },
      auth,
    );
    expect(read.data!.candidate.profile).toEqual({
      paceStage: 'REGULAR_ACTIVITY',
      availability: [{ weekday: 2, from: '10:00', to: '12:00' }],
      home: { latitude: expect.any(Number) },
      constraints: { maxPhysicalDemand: 'LOW', groupSizes: ['ONE_ON_ONE', 'SMALL'] },
    });
    await page.close();
  });

  it('renews an expired sign-in with the refresh token, and signs out when that fails too', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await signIn(page, UserRole.COORDINATOR);
    await page.waitForURL(/\/console$/);
    await page.evaluate(() => sessionStorage.setItem('tsunagu.accessToken', 'expired'));
    await page.reload();
    await page
      .getByRole('link', { name: /に合う場所を探す$/ })
      .first()
      .waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('tsunagu.accessToken'))).not.toBe(
      'expired',
    );

    await page.evaluate(() => {
      sessionStorage.setItem('tsunagu.accessToken', 'expired');
      sessionStorage.setItem('tsunagu.refreshToken', 'used-up');
    });
    await page.reload();
    await page.waitForURL(/\/login$/);
    expect(await page.evaluate(() => sessionStorage.getItem('tsunagu.refreshToken'))).toBeNull();
    await page.close();
  });

  it('keeps both a tab and its duplicate signed in when both renew at once', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const first = await context.newPage();
    await signIn(first, UserRole.COORDINATOR);
    await first.waitForURL(/\/console$/);
    const tokens = await first.evaluate(() => ({
      refresh: sessionStorage.getItem('tsunagu.refreshToken')!,
    }));
    // A duplicated tab: the same session storage, so the same one-use refresh token.
    const twin = await context.newPage();
    await twin.goto(`${demo.t.baseUrl}/login`);
    for (const page of [first, twin])
      await page.evaluate((t) => {
        sessionStorage.setItem('tsunagu.accessToken', 'expired');
        sessionStorage.setItem('tsunagu.refreshToken', t.refresh);
      }, tokens);
    await Promise.all([first, twin].map((p) => p.goto(`${demo.t.baseUrl}/console`)));
    for (const page of [first, twin]) {
      await page
        .getByRole('link', { name: /に合う場所を探す$/ })
        .first()
        .waitFor();
      expect(page.url()).toMatch(/\/console$/);
    }
    await context.close();
  });

  it('fits a phone: no page scrolls sideways, and each page passes axe', async () => {
    const phone = async (role: UserRole) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        locale: 'ja-JP',
      });
      const page = await context.newPage();
      await signIn(page, role);
      await page.waitForURL(role === UserRole.HOST ? /\/host$/ : /\/console$/);
      return page;
    };
    const fits = async (page: Page, path: string, ready: RegExp) => {
      await page.goto(`${demo.t.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: ready }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow)
        console.log(
          await page.evaluate(() =>
            Array.from(document.querySelectorAll('body *'))
              .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth)
              .slice(0, 8)
              .map(
                (e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
              )
              .join('\n'),
          ),
        );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      expect(await seriousViolations(page)).toEqual([]);
    };
    const coordinator = await phone(UserRole.COORDINATOR);
    await fits(coordinator, '/console', /対象者/);
    await fits(coordinator, '/console/resources', /活動をさがす/);
    await fits(coordinator, '/console/allocation', /一括の割り当て/);
    await fits(coordinator, '/console/referrals', /紹介の状況/);
    await fits(coordinator, '/console/follow-ups', /フォローアップ/);
    await fits(coordinator, '/console/indicators', /指標/);
    await fits(coordinator, '/console/candidates/new', /新しい方を登録する/);
    await screenshot(coordinator, 'phone-console');
    const host = await phone(UserRole.HOST);
    await fits(host, '/host', /届いた紹介/);
    await fits(host, '/host/resources', /活動の情報/);
    await fits(host, '/host/resources/new', /新しい活動を登録する/);
    await fits(host, '/host/needs', /募集していること/);
    await fits(host, '/host/offers', /手伝いの申し出/);
    await fits(host, '/host/organization', /団体の情報/);
    await screenshot(host, 'phone-host');
    await coordinator.context().close();
    await host.context().close();
  });
});
