// The walking skeleton end to end: a village head records a household on a phone, an official sees the
// ward's percentages move within seconds, through the real API, DynamoDB Local and the stream poller.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { ADULT_QUESTIONS, answer, answerAdult, launchChromium, PHONE, signIn } from './chromium';

/** Set to a directory (outside the repo) to keep phone-sized screenshots of each step. */
const SHOTS = process.env.SCREENSHOT_DIR;

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function openAs(username: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  return page;
}

/** The page must never scroll sideways on a 360 px phone. */
async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
}

async function fillMember(page: Page, index: number, birthYear: string, hasEhr: boolean, adult?: boolean) {
  await page.fill(`#f-members-${index}-birth_year`, birthYear);
  await answer(page, `members.${index}.has_ehr`, hasEhr);
  if (adult === undefined) return;
  await answerAdult(page, index, adult);
}

async function ndOf(page: Page, wardCode: string, indicatorId: string) {
  return page.locator(`[data-testid="cell-${wardCode}-${indicatorId}-nd"]`);
}

describe("walking skeleton: one household from a village head's phone to the ward percentage", () => {
  it('records a household of three on a phone and shows the ward percentage, then the edit, within seconds', async () => {
    // Prepare: the village head signs in and picks a village of ward 14815.
    const collector = await openAs('collector-14815');
    await collector.waitForSelector('[data-testid=village-select]');
    expect(await collector.getAttribute('html', 'lang')).toBe('vi');
    await collector.selectOption('[data-testid=village-select]', { index: 1 });
    await collector.click('[data-testid=new-household]');
    await collector.waitForSelector('[data-testid=household-form]');

    // Household answers, but the head's name left empty.
    await collector.fill('#f-household-address', 'Số 5, Khu phố 1');
    await collector.fill('#f-household-phone', '091 234 5678');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(collector, `household.${id}`, true);
    await answer(collector, 'household.business_household', false);
    expect(await collector.locator('[data-testid="q-household.ecommerce_shop"]').count()).toBe(0);

    // Three members: an adult of 40, a teen of 16 and a child of 10 in the reference year 2024.
    await fillMember(collector, 0, '1984', true, true);
    await collector.click('[data-testid=member-add]');
    await collector.fill('#f-members-1-birth_year', '2008');
    await expect.poll(() => collector.locator('[data-testid="q-members.1.has_smartphone"]').isVisible()).toBe(true);
    await fillMember(collector, 1, '2008', false, false);
    await answer(collector, 'members.1.has_smartphone', true);
    await collector.click('[data-testid=member-add]');
    await fillMember(collector, 2, '2014', true);
    await collector.waitForSelector('[data-testid=member-2-under-age]');
    for (const id of ADULT_QUESTIONS) expect(await collector.locator(`[data-testid="q-members.2.${id}"]`).count()).toBe(0);
    await expectNoHorizontalScroll(collector);

    // Act: submit without the head's name: one inline message in Vietnamese, focus on the field.
    await collector.click('[data-testid=form-submit]');
    await expect.poll(() => collector.textContent('[data-testid="error-household.head_name"]')).toBe('Vui lòng trả lời câu hỏi này.');
    expect(await collector.textContent('[data-testid=error-summary]')).toContain('Còn 1 câu trả lời cần sửa.');
    expect(await collector.evaluate(() => document.activeElement?.id)).toBe('f-household-head_name');
    await shot(collector, '1-collector-validation');

    await collector.fill('#f-household-head_name', 'Nguyễn Văn An');
    const put = collector.waitForRequest((request) => request.method() === 'PUT');
    await collector.click('[data-testid=form-submit]');
    const body = (await put).postDataJSON();

    // Assert: hidden answers are not sent, the phone has no spaces, the list shows the household.
    expect(body.household.phone).toBe('0912345678');
    expect(body.household).not.toHaveProperty('ecommerce_shop');
    expect(Object.keys(body.members[2]).sort()).toEqual(['birth_year', 'has_ehr']);
    expect(body.members[1]).toMatchObject({ birth_year: 2008, has_smartphone: true, has_ehr: false });
    const row = collector.locator('[data-testid=household-row]', { hasText: 'Nguyễn Văn An' });
    await row.waitFor();
    expect(await row.textContent()).toContain('3 thành viên');
    expect(await collector.textContent('[data-testid=flash]')).toContain('Nguyễn Văn An');
    await expectNoHorizontalScroll(collector);
    await shot(collector, '2-collector-list');

    // The official sees ward 14815: 2 of 3 members have an electronic health record.
    const official = await openAs('official');
    await expect.poll(async () => (await ndOf(official, '14815', 'pop_ehr')).textContent(), { timeout: 10_000 }).toBe('2/3');
    const ehr = official.locator('[data-testid="cell-14815-pop_ehr"]');
    expect(await ehr.textContent()).toContain('66,7%');
    expect(await ehr.textContent()).toContain('✗ Chưa đạt');
    expect(await official.textContent('[data-testid="households-14815"]')).toContain('1');
    expect(await official.textContent('[data-testid="cell-381-pop_ehr-nd"]')).toBe('2/3');
    await expectNoHorizontalScroll(official);
    await shot(official, '3-official-results');

    // The collector edits: the teen now has a record too.
    await row.locator('[data-testid=household-edit]').click();
    await collector.waitForSelector('[data-testid=household-form]');
    await collector.click('[data-testid=member-toggle-1]');
    await answer(collector, 'members.1.has_ehr', true);
    await collector.click('[data-testid=form-submit]');
    await collector.waitForSelector('[data-testid=flash]');
    const edited = Date.now();

    // The official's open page shows it within a few seconds, by colour and by text.
    await expect.poll(async () => (await ndOf(official, '14815', 'pop_ehr')).textContent(), { timeout: 6_000, interval: 200 }).toBe('3/3');
    expect(Date.now() - edited).toBeLessThan(6_000);
    expect(await ehr.textContent()).toContain('✓ Đạt');
    expect(await ehr.getAttribute('class')).toBe('met');

    // The CSV download carries the ward's rows.
    const download = official.waitForEvent('download');
    await official.click('[data-testid=download-csv]');
    const file = await download;
    expect(file.suggestedFilename()).toBe('phieu-cds-2024-ward.csv');
    const stream = await file.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    // The Vietnamese CSV: `;` between cells, the level in words (a Vietnamese Excel opens it by double-click).
    expect(csv).toContain('cds-2024;Phường, xã;14815;');

    // English on request, kept in the <html lang> attribute.
    await official.click('[data-testid=lang-en]');
    expect(await official.getAttribute('html', 'lang')).toBe('en');
    expect(await ehr.textContent()).toContain('✓ Met');
    await shot(official, '4-official-results-en');
  });

  it('tells the collector when someone else changed the household, shows both versions, and takes theirs on request', async () => {
    // Prepare: a household saved through the app, then changed behind the form's back.
    const page = await openAs('collector-14815');
    await page.waitForSelector('[data-testid=village-select]');
    await page.selectOption('[data-testid=village-select]', { index: 2 });
    await page.click('[data-testid=new-household]');
    await page.fill('#f-household-head_name', 'Trần Thị Bình');
    await page.fill('#f-household-address', 'Khu phố 2');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless', 'business_household']) await answer(page, `household.${id}`, false);
    await fillMember(page, 0, '1990', true, true);
    await page.click('[data-testid=form-submit]');
    const row = page.locator('[data-testid=household-row]', { hasText: 'Trần Thị Bình' });
    await row.locator('[data-testid=household-edit]').click();
    await page.waitForSelector('#f-household-address');
    const status = await page.evaluate(async () => {
      const id = location.hash.split('/').pop()!;
      const { token } = JSON.parse(localStorage.getItem('phieu.session')!);
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const stored = await (await fetch(`/api/responses/${id}`, { headers })).json();
      const { roundId, wardCode, villageCode, household, members, version } = stored;
      const changed = { roundId, wardCode, villageCode, household: { ...household, address: 'Khu phố 2, ngõ 7' }, members };
      return (await fetch(`/api/responses/${id}`, { method: 'PUT', headers: { ...headers, 'If-Match': String(version) }, body: JSON.stringify(changed) }))
        .status;
    });
    expect(status).toBe(200);

    // Act: save the stale form.
    await page.fill('#f-household-head_name', 'Trần Thị Bình (sửa)');
    await page.click('[data-testid=form-submit]');

    // Assert: both versions side by side; taking the server's loads it into the form, with a clear message.
    await expect.poll(() => page.textContent('[data-testid=conflict]')).toContain('vừa được sửa ở nơi khác');
    expect(await page.textContent('[data-testid=conflict]')).toContain('Khu phố 2, ngõ 7');
    await page.click('[data-testid=conflict-keep-theirs]');
    await expect.poll(() => page.textContent('[data-testid=form-notice]')).toContain('vừa được sửa ở nơi khác');
    expect(await page.inputValue('#f-household-address')).toBe('Khu phố 2, ngõ 7');
    expect(await page.inputValue('#f-household-head_name')).toBe('Trần Thị Bình');
  });

  it('checks a field when it is left, speaks English on request, and deletes a household', async () => {
    // Prepare: a collector on a new household form.
    const page = await openAs('collector-14815');
    await page.waitForSelector('[data-testid=village-select]');
    await page.selectOption('[data-testid=village-select]', { index: 3 });
    await page.click('[data-testid=new-household]');
    await page.waitForSelector('[data-testid=household-form]');

    // Leaving the head name empty shows its message at once, without the summary of a submit.
    await page.focus('#f-household-head_name');
    await page.focus('#f-household-address');
    await expect.poll(() => page.textContent('[data-testid="error-household.head_name"]')).toBe('Vui lòng trả lời câu hỏi này.');
    expect(await page.locator('[data-testid=error-summary]').count()).toBe(0);

    // English: labels from the form definition, messages from the dictionary.
    await page.click('[data-testid=lang-en]');
    expect(await page.textContent('label[for=f-household-head_name]')).toBe('Head of household');
    expect(await page.textContent('[data-testid="error-household.head_name"]')).toBe('Please answer this question.');
    await page.fill('#f-household-head_name', 'Phạm Văn Cường');
    await page.fill('#f-household-address', 'Khu phố 3');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(page, `household.${id}`, false);
    await answer(page, 'household.business_household', true);
    await answer(page, 'household.ecommerce_shop', true);
    await fillMember(page, 0, '1950', false, false);
    await shot(page, '5-collector-form-en');
    await page.click('[data-testid=form-submit]');
    const row = page.locator('[data-testid=household-row]', { hasText: 'Phạm Văn Cường' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Members: 1');

    // Act: delete, confirming.
    await row.locator('[data-testid=household-delete]').click();
    await row.locator('[data-testid=household-delete-confirm]').click();

    // Assert: gone from the list, and said so.
    await expect.poll(() => page.textContent('[data-testid=flash]')).toBe('Deleted the response of Phạm Văn Cường.');
    expect(await row.count()).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-testid=new-household]');
    await expect.poll(() => page.locator('[data-testid=household-list]').textContent()).not.toContain('Phạm Văn Cường');
  });
});
