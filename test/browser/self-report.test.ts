// Self-report links end to end: a collector makes links for a village, a household opens one in a fresh browser
// with no login, answers, comes back and revises; the official's ward figures count the household once.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { answer, answerAdult, apiToken, DEMO_PASSWORD, launchChromium, PHONE, signIn } from './chromium';

const VILLAGE = '14815-khu-pho-1';
/** The machine is shared: under the full suite a save and a list reload can take seconds. */
const SLOW = { timeout: 10_000 };

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

async function openAs(username: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  return page;
}

/** A phone that has never signed in. */
async function household(url: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const tokenOf = (username: string) => apiToken(stack.url, username);

async function ward14815(): Promise<{ surveyed: number; ehr: string }> {
  const login = await fetch(`${stack.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'official', password: DEMO_PASSWORD }) });
  const { token } = await login.json();
  const res = await fetch(`${stack.url}/api/aggregates?roundId=cds-2024&level=ward`, { headers: { authorization: `Bearer ${token}` } });
  const area = (await res.json()).areas.find((a: { code: string }) => a.code === '14815');
  const ehr = area.indicators.find((i: { id: string }) => i.id === 'pop_ehr');
  return { surveyed: area.households.surveyed, ehr: `${ehr.numerator}/${ehr.denominator}` };
}

describe('self-report links', () => {
  it('a household answers through its link with no login, revises, and counts once', async () => {
    // The collector opens the links page from Collect and makes two blank links and one for a named household.
    const collector = await openAs('collector-14815');
    await collector.waitForSelector('[data-testid=village-select]');
    await collector.selectOption('[data-testid=village-select]', VILLAGE);
    await collector.click('[data-testid=links-page]');
    await collector.waitForSelector('[data-testid=create-links]');
    await collector.fill('#links-count', '2');
    await collector.click('[data-testid=links-create]');
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(2);
    await collector.click('[data-testid=links-kind-named]');
    await collector.fill('#links-households', 'KP1-017; Lê Văn Tám');
    await collector.click('[data-testid=links-create]');
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(3);
    expect(await collector.textContent('[data-testid=links-notice]')).toBe('Đã tạo 1 đường dẫn.');
    const named = collector.locator('[data-testid=link-row]', { hasText: 'Lê Văn Tám' });
    expect(await named.textContent()).toContain('KP1-017');
    expect(await named.getAttribute('data-state')).toBe('unused');

    // Copy one link, as for a chat app; the printable sheet has a QR code per link.
    await named.locator('[data-testid=link-copy]').click();
    const url = await named.locator('[data-testid=link-url]').inputValue();
    expect(url).toMatch(new RegExp(`^${stack.url}/#/s/1~cds-2024~14815~${VILLAGE}~`));
    expect(await collector.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await collector.locator('[data-testid=sheet-card] svg').count()).toBe(3);
    await collector.emulateMedia({ media: 'print' });
    expect(await collector.locator('[data-testid=link-sheet]').isVisible()).toBe(true);
    expect(await collector.locator('.topbar').isVisible()).toBe(false);
    expect(await collector.locator('[data-testid=sheet-card]', { hasText: 'Hộ: Lê Văn Tám' }).textContent()).toContain('Quét mã QR');
    await collector.emulateMedia({ media: 'screen' });

    // The household opens its link on a phone that never signed in: the form, with its village and its name.
    const before = await ward14815();
    const phone = await household(url);
    await phone.waitForSelector('[data-testid=self-form]');
    expect(await phone.textContent('[data-testid=self-place]')).toContain('Phường Lam Sơn');
    expect(await phone.inputValue('#f-household-head_name')).toBe('Lê Văn Tám');
    expect(await phone.locator('[data-testid=user-badge]').count()).toBe(0);

    // It answers part of the form, closes the page; the draft is still there when it comes back.
    await phone.fill('#f-household-address', 'Số 12, Khu phố 1');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(phone, `household.${id}`, true);
    await answer(phone, 'household.business_household', false);
    await phone.reload();
    await phone.waitForSelector('[data-testid=self-form]');
    expect(await phone.textContent('[data-testid=self-notice]')).toContain('Đã khôi phục');
    expect(await phone.inputValue('#f-household-address')).toBe('Số 12, Khu phố 1');

    // One adult without an electronic health record; English on request; send.
    await phone.fill('#f-members-0-birth_year', '1980');
    await answer(phone, 'members.0.has_ehr', false);
    await answerAdult(phone, 0, true);
    await phone.click('[data-testid=lang-en]');
    expect(await phone.textContent('label[for=f-household-head_name]')).toBe('Head of household');
    const put = phone.waitForRequest((request) => request.method() === 'PUT');
    await phone.click('[data-testid=form-submit]');
    expect((await put).headers().authorization).toBeUndefined();
    await expect.poll(() => phone.textContent('[data-testid=self-notice]'), SLOW).toContain('Thank you!');

    // The official's figures count the household once.
    await stack.poller.idle();
    await expect.poll(ward14815, { timeout: 10_000 }).toEqual({ surveyed: before.surveyed + 1, ehr: expect.any(String) });
    const afterSubmit = await ward14815();

    // The household comes back later and revises: it now has a health record.
    await phone.reload();
    await phone.waitForSelector('[data-testid=self-form]');
    expect(await phone.textContent('[data-testid=form-submit]')).toBe('Send the revised answers');
    await answer(phone, 'members.0.has_ehr', true);
    await phone.click('[data-testid=form-submit]');
    await expect.poll(() => phone.textContent('[data-testid=self-notice]'), SLOW).toBe('Your answers were updated. Thank you!');

    await stack.poller.idle();
    const [ehrNum, ehrDen] = afterSubmit.ehr.split('/').map(Number);
    await expect.poll(ward14815, { timeout: 10_000 }).toEqual({ surveyed: afterSubmit.surveyed, ehr: `${ehrNum + 1}/${ehrDen}` });

    // The collector sees the link used and the household marked as self-reported in the village list.
    await collector.reload();
    await expect.poll(() => collector.locator('[data-testid=link-row]', { hasText: 'Lê Văn Tám' }).getAttribute('data-state'), SLOW).toBe('used');
    await collector.goto(`${stack.url}/#/collect/${VILLAGE}`);
    const row = collector.locator('[data-testid=household-row]', { hasText: 'Lê Văn Tám' });
    await row.waitFor();
    expect(await row.locator('[data-testid=self-badge]').textContent()).toBe('Hộ tự khai');
  });

  it('a 409 keeps what the household typed: it learns the version and sends again', async () => {
    // A blank link; the household opens it before anything was sent (the page holds no version).
    const made = await fetch(`${stack.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('collector-14815')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 }),
    });
    const { links } = await made.json();
    const { token, url } = links[0] as { token: string; url: string };
    const phone = await household(url);
    await phone.waitForSelector('[data-testid=self-form]');

    // Meanwhile an earlier send from this household lands (its answer never came back): version 1 on the server.
    const { household: earlier, members } = responseBody({ household: { ...responseBody().household, head_name: 'Trần Thị Lan', address: 'Địa chỉ cũ' } });
    const landed = await fetch(`${stack.url}/api/self/${encodeURIComponent(token)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ household: earlier, members }),
    });
    expect(landed.status).toBe(201);

    // The household types its answers and sends without a version: 409. Nothing it typed is lost.
    await phone.fill('#f-household-head_name', 'Trần Thị Lan');
    await phone.fill('#f-household-address', 'Số 7, Khu phố 1');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(phone, `household.${id}`, true);
    await answer(phone, 'household.business_household', false);
    await phone.fill('#f-members-0-birth_year', '1980');
    await answer(phone, 'members.0.has_ehr', true);
    await answerAdult(phone, 0, true);
    await phone.click('[data-testid=form-submit]');
    await expect.poll(() => phone.textContent('[data-testid=self-notice]'), SLOW).toContain('vẫn được giữ nguyên');
    expect(await phone.inputValue('#f-household-address')).toBe('Số 7, Khu phố 1');

    // Kept on the device too (now against version 1), then sent again: the server has what was typed.
    await phone.reload();
    await phone.waitForSelector('[data-testid=self-form]');
    expect(await phone.inputValue('#f-household-address')).toBe('Số 7, Khu phố 1');
    await phone.click('[data-testid=form-submit]');
    await expect.poll(() => phone.textContent('[data-testid=self-notice]'), SLOW).toBe('Đã cập nhật câu trả lời. Cảm ơn!');
    const now = await (await fetch(`${stack.url}/api/self/${encodeURIComponent(token)}`)).json();
    expect(now.response).toMatchObject({ version: 2, household: { address: 'Số 7, Khu phố 1' } });
  });

  it('a revoked link no longer opens, and says why', async () => {
    const collector = await openAs('collector-14815');
    await collector.goto(`${stack.url}/#/links/${VILLAGE}`);
    await collector.waitForSelector('[data-testid=create-links]');
    await collector.waitForSelector('[data-testid=link-list][aria-busy=false]');
    const existing = await collector.locator('[data-testid=link-row]').count();
    await collector.fill('#links-count', '1');
    await collector.click('[data-testid=links-create]');
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(existing + 1);
    const row = collector.locator(`[data-testid=link-row]:nth-child(${existing + 1})`);
    const url = await row.locator('[data-testid=link-url]').inputValue();
    await row.locator('[data-testid=link-revoke]').click();
    await row.locator('[data-testid=link-revoke-confirm]').click();
    await expect.poll(() => collector.textContent('[data-testid=links-notice]'), SLOW).toBe('Đã thu hồi đường dẫn.');

    const phone = await household(url);
    await expect.poll(() => phone.textContent('[data-testid=link-problem]'), SLOW).toBe('Đường dẫn này đã bị thu hồi. Vui lòng liên hệ trưởng thôn.');
    expect(await phone.locator('[data-testid=self-form]').count()).toBe(0);
  });

  it('a collector picks households from the ward roster and gets one named link each', async () => {
    // An admin imports the ward's roster; one of its households has already been surveyed by a collector.
    const roster = [
      'ward_code,village,household_code,head_name,address',
      `14815,${VILLAGE},R-001,Phan Văn An,Số 1`,
      `14815,${VILLAGE},R-002,Đỗ Thị Hoa,Số 2`,
      `14815,${VILLAGE},R-003,Vũ Văn Nam,Số 3`,
    ].join('\n');
    const imported = await fetch(`${stack.url}/api/roster/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('admin')}`, 'content-type': 'text/csv' },
      body: roster,
    });
    expect(imported.status).toBe(201);
    const surveyed = await fetch(`${stack.url}/api/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await tokenOf('collector-14815')}`, 'content-type': 'application/json' },
      body: JSON.stringify(responseBody({ householdCode: 'R-003' })),
    });
    expect(surveyed.status).toBe(201);

    const collector = await openAs('collector-14815');
    await collector.goto(`${stack.url}/#/links/${VILLAGE}`);
    await collector.waitForSelector('[data-testid=link-list][aria-busy=false]');
    const existing = await collector.locator('[data-testid=link-row]').count();
    await collector.click('[data-testid=links-kind-named]');
    await collector.waitForSelector('[data-testid=links-roster]');
    // The surveyed household is marked, unchecked, and left out of "select all".
    const answered = collector.locator('li', { has: collector.locator('[data-testid=links-roster-R-003]') });
    expect(await answered.locator('[data-testid=links-roster-mark]').textContent()).toBe('Đã có phiếu');
    expect(await collector.isChecked('[data-testid=links-roster-R-003]')).toBe(false);
    expect(await collector.textContent('[data-testid=links-roster-select-free]')).toBe('Chọn tất cả hộ chưa có đường dẫn (2)');

    // Search without diacritics, pick one; clear the search, pick another.
    await collector.fill('[data-testid=links-roster-search]', 'hoa');
    await expect.poll(() => collector.locator('.roster-check').count()).toBe(1);
    await collector.check('[data-testid=links-roster-R-002]');
    await collector.fill('[data-testid=links-roster-search]', '');
    await collector.check('[data-testid=links-roster-R-001]');
    expect(await collector.textContent('[data-testid=links-roster-chosen]')).toBe('Đã chọn 2 hộ');
    expect(await collector.textContent('[data-testid=links-create]')).toBe('Tạo 2 đường dẫn');
    await collector.click('[data-testid=links-create]');

    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(existing + 2);
    expect(await collector.textContent('[data-testid=links-notice]')).toBe('Đã tạo 2 đường dẫn.');
    for (const [code, name] of [
      ['R-001', 'Phan Văn An'],
      ['R-002', 'Đỗ Thị Hoa'],
    ]) {
      const row = collector.locator('[data-testid=link-row]', { hasText: name });
      expect(await row.textContent()).toContain(code);
      expect(await row.getAttribute('data-state')).toBe('unused');
    }
    // Both are now marked as linked: nothing is left to select.
    await expect.poll(() => collector.textContent('[data-testid=links-roster-select-free]'), SLOW).toBe('Chọn tất cả hộ chưa có đường dẫn (0)');
    expect(await collector.textContent('[data-testid=links-roster-chosen]')).toBe('Đã chọn 0 hộ');
    const linked = collector.locator('li', { has: collector.locator('[data-testid=links-roster-R-001]') });
    expect(await linked.locator('[data-testid=links-roster-mark]').textContent()).toBe('Đã có đường dẫn');

    // The API agrees: two named links carrying the roster codes.
    const listed = await fetch(`${stack.url}/api/links?roundId=cds-2024&wardCode=14815&villageCode=${VILLAGE}`, {
      headers: { authorization: `Bearer ${await tokenOf('collector-14815')}` },
    });
    const codes = (await listed.json()).links.map((l: { householdCode?: string; headName?: string }) => `${l.householdCode}:${l.headName}`);
    expect(codes).toEqual(expect.arrayContaining(['R-001:Phan Văn An', 'R-002:Đỗ Thị Hoa']));
  });
});
