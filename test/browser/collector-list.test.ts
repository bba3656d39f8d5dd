// What a village head meets on the phone (390 px wide, Chromium): the list's summary says exactly what waits,
// what is unfinished and what needs attention; a failing server is not "no network"; saving closes the form at
// once even when the server takes 8 s; a village's households are found by a few letters typed without
// diacritics and filtered by state; and a NEW household form opens offline after a reload (lazy chunks precached).
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold, seededRandom } from '../../infra/local/demo/demo-households';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { answer, answerAdult, launchChromium, PHONE, setOffline, signIn } from './chromium';

const ROUND = 'cds-2024';
/** A common phone of 2024: 390 CSS pixels wide. */
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } } as const;
/** Words a village head should never have to read. */
const JARGON = /bền vững|phiên bản|xung đột|đồng bộ|định dạng/i;

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function villagesOf(wardCode: string): Promise<string[]> {
  return (await stack.repo.reference.listAreas()).filter((a) => a.level === 'village' && a.parentCode === wardCode).map((a) => a.code);
}

/** A phone with the app opened once online: signed in, the village chosen, the service worker in control. */
async function openCollector(username: string, villageCode: string): Promise<Page> {
  const page = await (await browser.newContext({ ...PHONE_390 })).newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  await page.waitForSelector('[data-testid=village-select]');
  await page.selectOption('[data-testid=village-select]', villageCode);
  await page.waitForSelector('[data-testid=new-household]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

/** Opens a new household and answers it: one adult. */
async function fillHousehold(page: Page, name: string) {
  await page.click('[data-testid=new-household]');
  await page.waitForSelector('[data-testid=household-form]');
  await page.fill('#f-household-head_name', name);
  await page.fill('#f-household-address', `Nhà của ${name}`);
  for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless', 'business_household']) await answer(page, `household.${id}`, false);
  await page.fill('#f-members-0-birth_year', '1980');
  await answer(page, 'members.0.has_ehr', true);
  await answerAdult(page, 0, true);
}

/** Fills a household of one adult through the form and presses "Lưu phiếu" (does not wait for the list). */
async function fillAndSave(page: Page, name: string) {
  await fillHousehold(page, name);
  await page.click('[data-testid=form-submit]');
}

function row(page: Page, name: string) {
  return page.locator('[data-testid=household-row]', { hasText: name });
}

async function stateOf(page: Page, name: string) {
  return row(page, name).getAttribute('data-state');
}

/** Puts records straight into the phone's outbox (as an earlier visit would have left them), then reloads. */
async function putOnPhone(page: Page, records: object[]) {
  await page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('phieu');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const store = db.transaction('households', 'readwrite').objectStore('households');
    for (const record of list) await new Promise((done) => (store.put(record).onsuccess = done));
    db.close();
  }, records);
  await page.reload();
  await page.waitForSelector('[data-testid=household-list]');
}

/** Households stored on the server through the API, as the ward's collector. */
async function storeOnServer(username: string, wardCode: string, villageCode: string, households: { name: string; address: string }[]) {
  const session = await fetch(`${stack.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await session.json()) as { token: string };
  const random = seededRandom(5);
  for (const { name, address } of households) {
    const body = demoHousehold(random, { roundId: ROUND, wardCode, villageCode }, 2024, 0.5);
    body.household = { ...body.household, head_name: name, address };
    const put = await fetch(`${stack.url}/api/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(put.status).toBe(201);
  }
}

async function summary(page: Page) {
  return page.textContent('[data-testid=outbox-waiting]');
}

describe('the household list on a village head’s phone', () => {
  it('says exactly what waits, what is unfinished and what needs attention; "all sent" only when nothing is left', async () => {
    // Prepare: a village head of ward 14809 with nothing on the phone yet.
    const [village] = await villagesOf('14809');
    const page = await openCollector('collector-14809', village!);
    expect(await summary(page)).toBe('Mọi phiếu đã được gửi.');

    // An unfinished household and one the server refused are on the phone; a third is saved with no network.
    const base = { owner: 'collector-14809', roundId: ROUND, wardCode: '14809', villageCode: village, attempts: 0, nextAttemptAt: 0, savedAt: Date.now() };
    const refused = demoHousehold(seededRandom(2), { roundId: ROUND, wardCode: '14809', villageCode: village! }, 2024, 0.5);
    refused.household = { ...refused.household, head_name: 'Đinh Thị Từ Chối' };
    await putOnPhone(page, [
      { ...base, id: randomUUID(), state: 'draft', draft: { household: { head_name: 'Đinh Văn Nhập Dở' }, members: [] } },
      {
        ...base,
        id: randomUUID(),
        state: 'rejected',
        body: refused,
        rejection: { status: 403, code: 'round_closed', message: 'Đợt khảo sát đã kết thúc.', issues: [] },
      },
    ]);
    await setOffline(page, true);
    await fillAndSave(page, 'Đinh Văn Chờ Gửi');
    await row(page, 'Đinh Văn Chờ Gửi').waitFor();

    // Assert: one line for each, with what to do; never "all sent".
    await expect.poll(() => page.textContent('[data-testid=outbox-waiting-line]')).toContain('Còn 1 hộ chờ gửi');
    expect(await page.textContent('[data-testid=outbox-drafts]')).toContain('1 hộ đang nhập dở: mở ra, nhập nốt rồi bấm "Lưu phiếu"');
    expect(await page.textContent('[data-testid=outbox-attention]')).toContain('1 hộ cần bạn xem lại');
    expect(await page.locator('[data-testid=outbox-all-sent]').count()).toBe(0);
    expect(await row(page, 'Đinh Thị Từ Chối').locator('[data-testid=household-reason]').textContent()).toContain('sửa những chỗ được báo');
    expect(await page.textContent('main')).not.toMatch(JARGON);

    // The network returns: the waiting one goes, the unfinished and the refused ones still say so.
    await setOffline(page, false);
    await expect.poll(() => stateOf(page, 'Đinh Văn Chờ Gửi'), { timeout: 30_000 }).toBe('uploaded');
    expect(await page.getAttribute('[data-testid=outbox-waiting]', 'data-count')).toBe('0');
    expect(await summary(page)).not.toContain('Mọi phiếu đã được gửi.');
    expect(await page.textContent('[data-testid=outbox-drafts]')).toContain('1 hộ đang nhập dở');
    expect(await page.textContent('[data-testid=outbox-attention]')).toContain('1 hộ cần bạn xem lại');

    // The unfinished one is thrown away and the refused one deleted: now, and only now, all is sent.
    await row(page, 'Đinh Văn Nhập Dở').locator('[data-testid=household-edit]').click();
    await page.click('[data-testid=discard-draft]');
    await row(page, 'Đinh Thị Từ Chối').locator('[data-testid=household-delete]').click();
    await row(page, 'Đinh Thị Từ Chối').locator('[data-testid=household-delete-confirm]').click();
    await expect.poll(() => summary(page), { timeout: 10_000 }).toBe('Mọi phiếu đã được gửi.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('says the server is failing, not that there is no network, and what to do', async () => {
    // Prepare: the server answers every upload with 503, while the phone has a good signal.
    const [village] = await villagesOf('14812');
    const page = await openCollector('collector-14812', village!);
    await page.context().route('**/api/responses/*', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'internal', message: 'Máy chủ đang gặp lỗi.' } }),
          })
        : route.continue(),
    );

    // Act: save a household.
    await fillAndSave(page, 'Bùi Văn Lỗi Máy Chủ');
    await row(page, 'Bùi Văn Lỗi Máy Chủ').waitFor();

    // Assert: kept on the phone; the notice names the server (with its code) and what to do; no "no network".
    const failed = page.locator('[data-testid=upload-failed]');
    await expect.poll(() => failed.textContent().catch(() => ''), { timeout: 15_000 }).toContain('máy chủ đang gặp sự cố (mã lỗi 503)');
    const notice = (await failed.textContent()) ?? '';
    expect(notice).toContain('không phải do mạng của bạn');
    expect(notice).toContain('báo cán bộ xã');
    expect(await stateOf(page, 'Bùi Văn Lỗi Máy Chủ')).toBe('pending');
    expect(await page.locator('[data-testid=offline-notice]').count()).toBe(0);
    expect(await page.textContent('main')).not.toMatch(/mất mạng|Không có mạng/);
    expect(await page.textContent('main')).not.toMatch(JARGON);

    // The server's list failing too: said so, the phone's households still shown.
    const listing = (url: URL) => url.pathname === '/api/responses';
    await page.context().route(listing, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
    await page.reload();
    await page.waitForSelector('[data-testid=list-error]');
    expect(await page.textContent('[data-testid=list-error]')).toContain('máy chủ đang gặp sự cố (mã lỗi 500)');
    await row(page, 'Bùi Văn Lỗi Máy Chủ').waitFor();
    await page.context().unroute(listing);

    // A real network failure (nothing answers) is the one that says to check the signal.
    await page.context().unroute('**/api/responses/*');
    await page.context().route('**/api/responses/*', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    await page.click('[data-testid=upload-now]');
    await expect.poll(() => failed.textContent().catch(() => ''), { timeout: 15_000 }).toContain('không kết nối được máy chủ');

    // The server is back: it goes, and the notice goes with it.
    await page.context().unroute('**/api/responses/*');
    await page.click('[data-testid=upload-now]');
    await expect.poll(() => stateOf(page, 'Bùi Văn Lỗi Máy Chủ'), { timeout: 15_000 }).toBe('uploaded');
    expect(await failed.count()).toBe(0);
    await page.context().close();
  });

  it('closes the form at once when the server takes 8 seconds, and the upload goes on in the list', async () => {
    // Prepare: every upload is answered after 8 s.
    const [village] = await villagesOf('14815');
    const page = await openCollector('collector-14815', village!);
    await page.context().route('**/api/responses/*', async (route) => {
      if (route.request().method() === 'PUT') await new Promise((done) => setTimeout(done, 8_000));
      await route.continue().catch(() => undefined);
    });

    // Act: save.
    await fillHousehold(page, 'Cao Văn Chậm');
    const saved = Date.now();
    await page.click('[data-testid=form-submit]');
    await page.waitForSelector('[data-testid=household-form]', { state: 'detached', timeout: 3_000 });

    // Assert: back on the list within 3 s, kept on the phone and being sent; uploaded when the server answers.
    expect(Date.now() - saved).toBeLessThan(3_000);
    expect(await page.textContent('[data-testid=flash]')).toContain('Đã lưu phiếu của hộ Cao Văn Chậm trên máy');
    expect(await stateOf(page, 'Cao Văn Chậm')).toBe('pending');
    await expect.poll(() => stateOf(page, 'Cao Văn Chậm'), { timeout: 20_000 }).toBe('uploaded');
    expect(await summary(page)).toBe('Mọi phiếu đã được gửi.');
    await page.context().close();
  });

  it('finds a household by a few letters without diacritics, by address, and filters by state', async () => {
    // Prepare: three households of a village on the server, one more saved on the phone with no network.
    const [village] = await villagesOf('14818');
    await storeOnServer('collector-14818', '14818', village!, [
      { name: 'Nguyễn Văn An', address: 'Số 12, Khu phố 1' },
      { name: 'Trần Thị Bình', address: 'Ngõ 7 đường Lê Lợi' },
      { name: 'Nguyễn Thị Cúc', address: 'Số 3, Khu phố 2' },
    ]);
    const page = await openCollector('collector-14818', village!);
    await row(page, 'Nguyễn Thị Cúc').waitFor();
    await setOffline(page, true);
    await fillAndSave(page, 'Lý Văn Đợi');
    await row(page, 'Lý Văn Đợi').waitFor();
    const names = () => page.locator('[data-testid=household-row] .household-name').allTextContents();

    // Act + assert: "nguyen van" finds "Nguyễn Văn An" only; an address; nothing for a stranger.
    await page.fill('[data-testid=household-search]', 'nguyen van');
    await expect.poll(names).toEqual(['Nguyễn Văn An']);
    await page.fill('[data-testid=household-search]', 'LE LOI');
    await expect.poll(names).toEqual(['Trần Thị Bình']);
    await page.fill('[data-testid=household-search]', 'xyz');
    await expect.poll(names).toEqual([]);
    expect(await page.textContent('[data-testid=no-match]')).toContain('Không có hộ nào khớp');

    // Filters: waiting, sent, with their counts; and combined with the search.
    await page.fill('[data-testid=household-search]', '');
    expect(await page.textContent('[data-testid=filter-waiting]')).toBe('Chờ gửi (1)');
    await page.click('[data-testid=filter-waiting]');
    await expect.poll(names).toEqual(['Lý Văn Đợi']);
    await page.click('[data-testid=filter-sent]');
    await expect.poll(async () => (await names()).sort()).toEqual(['Nguyễn Thị Cúc', 'Nguyễn Văn An', 'Trần Thị Bình']);
    await page.fill('[data-testid=household-search]', 'nguyen');
    await expect.poll(async () => (await names()).sort()).toEqual(['Nguyễn Thị Cúc', 'Nguyễn Văn An']);
    await page.click('[data-testid=filter-attention]');
    await expect.poll(names).toEqual([]);
    await page.click('[data-testid=filter-all]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('opens a new household form with no network after a reload, in Vietnamese or English', async () => {
    // Prepare: the app opened once online (no household form opened yet), then the signal goes.
    const [village] = await villagesOf('14821');
    const page = await openCollector('collector-14821', village!);
    await setOffline(page, true);
    await page.reload();
    await page.waitForSelector('[data-testid=new-household]');

    // Act: a new household, with the form's chunks, zod and the questionnaire engine coming from the worker's cache.
    await page.click('[data-testid=new-household]');
    await page.waitForSelector('[data-testid=household-form]');
    await page.click('[data-testid=lang-en]');
    await expect.poll(() => page.textContent('label[for=f-household-head_name]')).toBe('Head of household');
    await page.click('[data-testid=lang-vi]');
    await page.click('.back');
    await fillAndSave(page, 'Mai Văn Ngoại Tuyến');

    // Assert: kept on the phone, waiting for the network.
    await row(page, 'Mai Văn Ngoại Tuyến').waitFor();
    expect(await stateOf(page, 'Mai Văn Ngoại Tuyến')).toBe('pending');
    expect(await page.textContent('[data-testid=flash]')).toContain('Chưa có mạng');
    await page.context().close();
  });
});
