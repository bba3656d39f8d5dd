// Door-to-door collection without signal, end to end in Chromium: households recorded offline survive a
// reload, upload exactly once when the network returns (also when an answer is lost on the way), survive
// an app update while waiting, a conflicting edit shows both versions, a rejection shows the server's
// reason, and an expired session keeps everything. One local stack for the whole file; the web app is
// served from a copy of web/dist so a test can "deploy" a new version into it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { answer, answerAdult, launchChromium, PHONE, setOffline, signIn } from './chromium';

const ROUND = 'cds-2024';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;
let webRoot: string;

beforeAll(async () => {
  ensureWebBuilt();
  webRoot = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  cpSync(resolve(import.meta.dirname, '../../web/dist'), webRoot, { recursive: true });
  [stack, browser] = await Promise.all([startLocalStack({ port: 0, webRoot }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

/** A phone with the app opened once online: signed in, a village chosen, the service worker in control. */
async function openCollector(username: string, village = 1): Promise<Page> {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  await page.waitForSelector('[data-testid=village-select]');
  await page.selectOption('[data-testid=village-select]', { index: village });
  await page.waitForSelector('[data-testid=new-household]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

/** Records one household of one adult through the form; `fibre` decides the household's broadband answer. */
async function recordHousehold(page: Page, name: string, fibre: boolean) {
  await page.click('[data-testid=new-household]');
  await page.waitForSelector('[data-testid=household-form]');
  await page.fill('#f-household-head_name', name);
  await page.fill('#f-household-address', `Nhà của ${name}`);
  await answer(page, 'household.fiber_broadband', fibre);
  await answer(page, 'household.internet_any', true);
  for (const id of ['electricity_cashless', 'business_household']) await answer(page, `household.${id}`, false);
  await page.fill('#f-members-0-birth_year', '1980');
  await answer(page, 'members.0.has_ehr', true);
  await answerAdult(page, 0, true);
  await page.click('[data-testid=form-submit]');
  await page.locator('[data-testid=household-row]', { hasText: name }).waitFor();
}

function row(page: Page, name: string) {
  return page.locator('[data-testid=household-row]', { hasText: name });
}

async function stateOf(page: Page, name: string) {
  return row(page, name).getAttribute('data-state');
}

async function waitingCount(page: Page) {
  return page.getAttribute('[data-testid=outbox-waiting]', 'data-count');
}

/** What the server holds for a ward, read straight from the repository. */
async function storedOf(wardCode: string) {
  const page = await stack.repo.responses.listByWard({ roundId: ROUND, wardCode, limit: 200 });
  return page.items.filter((item) => !item.deletedAt);
}

function putsTo(context: BrowserContext): { created: number; replayed: number } {
  const counts = { created: 0, replayed: 0 };
  context.on('response', (response) => {
    if (response.request().method() !== 'PUT' || !response.url().includes('/api/responses/')) return;
    if (response.status() === 201) counts.created += 1;
    if (response.status() === 200) counts.replayed += 1;
  });
  return counts;
}

describe('offline collection', () => {
  it('keeps three households recorded offline through a reload and uploads each exactly once', async () => {
    // Prepare: a village head of ward 14809 opens the app once online, then loses the signal.
    const page = await openCollector('collector-14809');
    const puts = putsTo(page.context());
    await setOffline(page, true);

    // Act: three households offline, and a fourth left half-done.
    for (const [name, fibre] of [
      ['Lê Văn Một', true],
      ['Lê Thị Hai', true],
      ['Lê Văn Ba', false],
    ] as const) {
      await recordHousehold(page, name, fibre);
      expect(await page.textContent('[data-testid=flash]')).toContain('trên máy');
    }
    await page.click('[data-testid=new-household]');
    await page.fill('#f-household-head_name', 'Lê Văn Bốn');
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).not.toContain('/new');
    await page.click('.back');
    expect(await page.textContent('[data-testid=offline-notice]')).toContain('mất mạng');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);

    // A reload with the network off opens the app from the service worker, with everything still there.
    await page.reload();
    await page.waitForSelector('[data-testid=household-list]');
    await expect.poll(() => page.locator('[data-testid=household-row]').count(), { timeout: 10_000 }).toBe(4);
    for (const name of ['Lê Văn Một', 'Lê Thị Hai', 'Lê Văn Ba']) expect(await stateOf(page, name)).toBe('pending');
    expect(await stateOf(page, 'Lê Văn Bốn')).toBe('draft');
    expect(await row(page, 'Lê Văn Một').textContent()).toContain('Chờ gửi');
    expect(await waitingCount(page)).toBe('3');
    expect(await page.textContent('[data-testid=outbox-waiting]')).toContain('Còn 3 hộ chờ gửi');
    expect(puts.created).toBe(0);

    // The first upload reaches the server but its answer is lost: the retry must not make a second household.
    let lost = false;
    await page.context().route('**/api/responses/*', async (route) => {
      if (route.request().method() !== 'PUT' || lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });

    // The network returns: everything uploads by itself.
    await setOffline(page, false);
    await expect.poll(() => waitingCount(page), { timeout: 30_000 }).toBe('0');
    for (const name of ['Lê Văn Một', 'Lê Thị Hai', 'Lê Văn Ba']) expect(await stateOf(page, name)).toBe('uploaded');
    expect(await stateOf(page, 'Lê Văn Bốn')).toBe('draft');
    expect(lost).toBe(true);

    // Assert: each household exactly once on the server; the lost answer was a replay, not a new household.
    const stored = await storedOf('14809');
    expect(stored.map((s) => s.household.head_name).sort()).toEqual(['Lê Thị Hai', 'Lê Văn Ba', 'Lê Văn Một']);
    expect(stored.every((s) => s.version === 1)).toBe(true);
    expect(puts.created).toBe(2);
    expect(puts.replayed).toBe(1);

    // The ward's percentage reflects them: 2 of 3 households have fibre.
    const official = await (await browser.newContext({ ...PHONE })).newPage();
    await official.goto(stack.url);
    await signIn(official, 'official');
    await expect.poll(() => official.textContent('[data-testid="cell-14809-hh_fiber_broadband-nd"]').catch(() => null), { timeout: 10_000 }).toBe('2/3');
    expect(await official.textContent('[data-testid="households-14809"]')).toContain('3');
    await official.context().close();

    // Uploaded households can be edited and deleted offline too: both wait, then arrive.
    await setOffline(page, true);
    await row(page, 'Lê Văn Ba').locator('[data-testid=household-delete]').click();
    await row(page, 'Lê Văn Ba').locator('[data-testid=household-delete-confirm]').click();
    await expect.poll(() => page.textContent('[data-testid=flash]'), { timeout: 5_000 }).toContain('sẽ được xóa khi có mạng');
    expect(await stateOf(page, 'Lê Văn Ba')).toBe('deleting');
    await row(page, 'Lê Thị Hai').locator('[data-testid=household-edit]').click();
    await page.fill('#f-household-address', 'Nhà mới của Lê Thị Hai');
    await page.click('[data-testid=form-submit]');
    await expect.poll(() => stateOf(page, 'Lê Thị Hai'), { timeout: 5_000 }).toBe('changed');
    await setOffline(page, false);
    await expect.poll(() => waitingCount(page), { timeout: 30_000 }).toBe('0');
    expect(await row(page, 'Lê Văn Ba').count()).toBe(0);
    const after = await storedOf('14809');
    expect(after.map((s) => [s.household.head_name, s.household.address, s.version]).sort()).toEqual([
      ['Lê Thị Hai', 'Nhà mới của Lê Thị Hai', 2],
      ['Lê Văn Một', 'Nhà của Lê Văn Một', 1],
    ]);
    await page.context().close();
  });

  it('uploads households that waited through an app update', async () => {
    // Prepare: a household recorded offline on a phone that has the current version.
    const page = await openCollector('collector-14818');
    await setOffline(page, true);
    await recordHousehold(page, 'Hoàng Văn Cập Nhật', true);
    const oldCaches = await page.evaluate(() => caches.keys());

    // Act: a new version is deployed while it waits; the phone gets the signal back but uploads are
    // refused by the network until after the update, which the next visit installs.
    const sw = join(webRoot, 'sw.js');
    const original = readFileSync(sw, 'utf8');
    writeFileSync(sw, original.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    await page.context().route('**/api/responses/*', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    try {
      await setOffline(page, false);
      await page.reload();
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 20_000 }).toContainEqual(expect.stringMatching(/-next$/));
      await expect
        .poll(async () => (await page.evaluate(() => caches.keys())).filter((name) => oldCaches.includes(name) && name.startsWith('phieu-shell-')), {
          timeout: 20_000,
        })
        .toEqual([]);
      await page.reload();
      await page.waitForSelector('[data-testid=household-list]');
      expect(await stateOf(page, 'Hoàng Văn Cập Nhật')).toBe('pending');

      // The network lets uploads through again: the waiting household uploads with the new version.
      await page.context().unroute('**/api/responses/*');
      // The button, unless a backoff retry got there first (then the button is already gone).
      await page
        .locator('[data-testid=upload-now]')
        .click({ timeout: 2_000 })
        .catch(() => undefined);
      await expect.poll(() => stateOf(page, 'Hoàng Văn Cập Nhật'), { timeout: 20_000 }).toBe('uploaded');
      expect((await storedOf('14818')).map((s) => s.household.head_name)).toEqual(['Hoàng Văn Cập Nhật']);
    } finally {
      writeFileSync(sw, original);
      await page.context().close();
    }
  });

  it('shows a conflicting edit from two phones with both versions and lets the collector choose', async () => {
    // Prepare: phone A records a household online; phone B (same ward) has it in its list.
    const a = await openCollector('collector-14812');
    await recordHousehold(a, 'Đỗ Thị Xung Đột', true);
    expect(await stateOf(a, 'Đỗ Thị Xung Đột')).toBe('uploaded');
    const b = await openCollector('collector-14812');
    await row(b, 'Đỗ Thị Xung Đột').waitFor();

    // B edits offline; meanwhile A changes the same household online.
    await setOffline(b, true);
    await row(b, 'Đỗ Thị Xung Đột').locator('[data-testid=household-edit]').click();
    await b.fill('#f-household-address', 'Ngõ 9 (sửa trên máy B)');
    await b.click('[data-testid=form-submit]');
    await expect.poll(() => stateOf(b, 'Đỗ Thị Xung Đột'), { timeout: 10_000 }).toBe('changed');
    expect(await row(b, 'Đỗ Thị Xung Đột').textContent()).toContain('Đã sửa, chờ gửi');
    await row(a, 'Đỗ Thị Xung Đột').locator('[data-testid=household-edit]').click();
    await a.fill('#f-household-address', 'Ngõ 7 (sửa trên máy A)');
    await a.click('[data-testid=form-submit]');
    await expect.poll(() => stateOf(a, 'Đỗ Thị Xung Đột'), { timeout: 10_000 }).toBe('uploaded');

    // Act: B gets the signal back; its upload meets A's version (409).
    await setOffline(b, false);
    await expect.poll(() => stateOf(b, 'Đỗ Thị Xung Đột'), { timeout: 30_000 }).toBe('conflict');
    expect(await b.textContent('[data-testid=outbox-attention]')).toContain('1 hộ cần bạn xem lại');
    await row(b, 'Đỗ Thị Xung Đột').locator('[data-testid=household-edit]').click();

    // Assert: both versions side by side; keeping B's uploads it over A's, knowingly.
    const conflict = b.locator('[data-testid=conflict]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('vừa được sửa ở nơi khác');
    expect(await conflict.locator('[data-testid=conflict-mine]').allTextContents()).toEqual(['Ngõ 9 (sửa trên máy B)']);
    expect(await conflict.locator('[data-testid=conflict-theirs]').allTextContents()).toEqual(['Ngõ 7 (sửa trên máy A)']);
    await b.click('[data-testid=conflict-keep-mine]');
    await expect.poll(() => stateOf(b, 'Đỗ Thị Xung Đột'), { timeout: 20_000 }).toBe('uploaded');
    const [stored] = (await storedOf('14812')).filter((s) => s.household.head_name === 'Đỗ Thị Xung Đột');
    expect(stored.household.address).toBe('Ngõ 9 (sửa trên máy B)');
    expect(stored.version).toBe(3);
    await a.context().close();
    await b.context().close();
  });

  it('shows a household the server rejects with its reason and loses nothing else', async () => {
    // Prepare: two households recorded offline in ward 14821.
    const page = await openCollector('collector-14821');
    await setOffline(page, true);
    await recordHousehold(page, 'Vũ Văn Hợp Lệ', true);
    await recordHousehold(page, 'Vũ Thị Bị Từ Chối', false);
    // While the phone was offline the village was moved to another ward on the server: stand-in by
    // pointing the waiting answers at a village of ward 14815 (the server checks village ∈ ward).
    const otherVillage = (await stack.repo.reference.listAreas()).find((area) => area.level === 'village' && area.parentCode === '14815')!.code;
    await page.evaluate(async (villageCode) => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open('phieu');
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const store = db.transaction('households', 'readwrite').objectStore('households');
      const all = await new Promise<{ body: { household: { head_name: string }; villageCode: string } }[]>((done) => {
        const request = store.getAll();
        request.onsuccess = () => done(request.result);
      });
      const target = all.find((r) => r.body.household.head_name === 'Vũ Thị Bị Từ Chối')!;
      target.body.villageCode = villageCode;
      await new Promise((done) => (store.put(target).onsuccess = done));
      db.close();
    }, otherVillage);

    // Act: the network returns.
    await setOffline(page, false);
    await expect.poll(() => stateOf(page, 'Vũ Thị Bị Từ Chối'), { timeout: 30_000 }).toBe('rejected');

    // Assert: the reason in Vietnamese, the other household uploaded, the rejected one still on the phone.
    expect(await row(page, 'Vũ Thị Bị Từ Chối').textContent()).toContain('Bị từ chối');
    expect(await row(page, 'Vũ Thị Bị Từ Chối').locator('[data-testid=household-reason]').textContent()).toContain(
      'Thôn/khu phố không thuộc phường/xã đã chọn.',
    );
    await expect.poll(() => stateOf(page, 'Vũ Văn Hợp Lệ'), { timeout: 10_000 }).toBe('uploaded');
    expect((await storedOf('14821')).map((s) => s.household.head_name)).toEqual(['Vũ Văn Hợp Lệ']);
    await page.reload();
    await row(page, 'Vũ Thị Bị Từ Chối').waitFor();
    expect(await stateOf(page, 'Vũ Thị Bị Từ Chối')).toBe('rejected');
    await row(page, 'Vũ Thị Bị Từ Chối').locator('[data-testid=household-edit]').click();
    expect(await page.textContent('[data-testid=form-notice]')).toContain('Máy chủ từ chối');
    expect(await page.inputValue('#f-household-head_name')).toBe('Vũ Thị Bị Từ Chối');
    await page.context().close();
  });

  it('keeps waiting households through an expired session and a sign-out warning, and uploads after signing in', async () => {
    // Prepare: a household waiting offline.
    const page = await openCollector('collector-14823');
    await setOffline(page, true);
    await recordHousehold(page, 'Phan Văn Phiên', true);

    // Signing out warns, and cancelling keeps the collector signed in.
    let warning = '';
    page.once('dialog', (dialog) => {
      warning = dialog.message();
      void dialog.dismiss();
    });
    await page.click('[data-testid=logout]');
    expect(warning).toContain('Còn 1 hộ chưa gửi');
    expect(await page.locator('[data-testid=user-badge]').count()).toBe(1);

    // The session runs out (12 h) before the signal returns: the server answers 401 and, the refresh cookie being
    // gone too, refuses to renew it (a token alone is renewed silently: see session.test.ts).
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('phieu.session')!);
      localStorage.setItem('phieu.session', JSON.stringify({ ...session, token: `${session.token}x` }));
    });
    await page.context().clearCookies();
    await setOffline(page, false);

    // Assert: back to sign-in, told what waits; nothing rejected; after signing in it uploads.
    await page.waitForSelector('[data-testid=login-form]');
    await expect
      .poll(() => page.textContent('[data-testid=login-waiting]', { timeout: 1_000 }).catch(() => ''), { timeout: 10_000 })
      .toContain('1 hộ chờ gửi của tài khoản collector-14823');
    expect(await storedOf('14823')).toEqual([]);
    await signIn(page, 'collector-14823');
    await expect.poll(() => stateOf(page, 'Phan Văn Phiên').catch(() => null), { timeout: 30_000 }).toBe('uploaded');
    expect((await storedOf('14823')).map((s) => s.household.head_name)).toEqual(['Phan Văn Phiên']);
    await page.context().close();
  });
});
