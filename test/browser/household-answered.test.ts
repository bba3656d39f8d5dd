// One household, one count, on the village head's phone: a roster household answers through its named link;
// the village head then records it from the roster picker. The picker marks it answered; saving it anyway ends
// in a clear message and a choice (open the existing answers, or discard mine), and nothing stays stuck waiting.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { answer, answerAdult, apiToken, launchChromium, PHONE, signIn } from './chromium';

const VILLAGE = '14815-khu-pho-1';
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

const tokenOf = (username: string) => apiToken(stack.url, username);

async function api(path: string, username: string | undefined, init: { method: string; body: string; type?: string }) {
  const headers: Record<string, string> = { 'content-type': init.type ?? 'application/json' };
  if (username) headers.authorization = `Bearer ${await tokenOf(username)}`;
  return fetch(`${stack.url}${path}`, { method: init.method, headers, body: init.body });
}

describe('a household answered by link, then recorded by the village head', () => {
  it('marks it answered in the picker, and on saving offers to open the existing answers or discard', async () => {
    const csv = ['ward_code,village,household_code,head_name,address', `14815,${VILLAGE},BT-001,Phạm Văn Hùng,Số 12 Lê Lợi`].join('\n');
    expect((await api('/api/roster/import', 'admin', { method: 'POST', body: csv, type: 'text/csv' })).status).toBe(201);
    const made = await api('/api/links', 'collector-14815', {
      method: 'POST',
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, households: [{ householdCode: 'BT-001' }] }),
    });
    const link = (await made.json()).links[0] as { token: string; responseId: string };
    const { household, members } = responseBody();
    const self = await api(`/api/self/${link.token}`, undefined, { method: 'PUT', body: JSON.stringify({ household, members }) });
    expect(self.status).toBe(201);

    const page = await (await browser.newContext({ ...PHONE })).newPage();
    await page.goto(stack.url);
    await signIn(page, 'collector-14815');
    await page.waitForSelector('[data-testid=village-select]');
    await page.selectOption('[data-testid=village-select]', VILLAGE);
    await page.waitForSelector('[data-testid=new-household]');
    await page.click('[data-testid=new-household]');
    await page.waitForSelector('[data-testid=household-form]');
    await page.fill('[data-testid=roster-search]', 'pham hung');
    const pick = page.locator('[data-testid=roster-pick-BT-001]');
    await expect.poll(() => pick.getAttribute('data-answered')).toBe('true');
    expect(await pick.textContent()).toContain('đã có phiếu');

    // The village head records it anyway.
    await pick.click();
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless', 'business_household']) await answer(page, `household.${id}`, false);
    await page.fill('#f-members-0-birth_year', '1970');
    await answer(page, 'members.0.has_ehr', true);
    await answerAdult(page, 0, true);
    await page.click('[data-testid=form-submit]');

    const panel = page.locator('[data-testid=household-answered]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Mỗi hộ chỉ tính một lần');
    await page.click('[data-testid=answered-open-existing]');
    await page.waitForFunction((id) => location.hash.endsWith(`/${id}`), link.responseId);
    await page.waitForSelector('[data-testid=household-form]');
    expect(await page.inputValue('#f-household-head_name')).toBe(household.head_name);

    // Nothing of the refused answers waits on the phone; the server counts one household.
    await page.click('a.back');
    await page.waitForSelector('[data-testid=new-household]');
    const waiting = await page.evaluate(async () => {
      const open = indexedDB.open('phieu');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('households', 'readonly').objectStore('households');
      const all: { state: string }[] = await new Promise((resolve) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result);
      });
      return all.filter((r) => r.state !== 'uploaded').length;
    });
    expect(waiting).toBe(0);
    const listed = await fetch(`${stack.url}/api/responses?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, {
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
    });
    const codes = ((await listed.json()).responses as { householdCode?: string }[]).filter((r) => r.householdCode === 'BT-001');
    expect(codes).toHaveLength(1);
  });
});
