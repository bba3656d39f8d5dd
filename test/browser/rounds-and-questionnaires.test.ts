// Rounds and questionnaires as data, in Chromium: a household of two adults, a teenager and a child recorded
// with as few taps as the form allows (counted and printed), every problem of a form shown at once with only
// the question in error marked; then an admin uploads household-dx v2 (one added question), previews and
// publishes it, creates the 2026 round with it; a collector chooses that round, records a household in it
// offline (ages counted at 31/12/2026) and uploads it; the raw export has the new column.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { answer, answerAdult, apiToken, launchChromium, PHONE, setOffline, signIn } from './chromium';

const V1 = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../shared/data/surveys/household-dx.v1.json'), 'utf8'));
const ADDED = { id: 'has_computer', type: 'yes_no', label: { vi: 'Hộ có máy tính để bàn hoặc máy tính xách tay?', en: 'A computer at home?' }, required: true };
const V2 = { ...V1, version: 2, household: [...V1.household, ADDED] };
const LAPTOP = { viewport: { width: 1366, height: 900 } } as const;

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

/** Counts every trusted tap (pointerdown) the page receives. */
async function openCounting(username: string, options: object = PHONE): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    (window as unknown as { taps: number }).taps = 0;
    addEventListener('pointerdown', (event) => event.isTrusted && (window as unknown as { taps: number }).taps++, true);
  });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  return page;
}

const tapsOf = (page: Page) => page.evaluate(() => (window as unknown as { taps: number }).taps);
const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

/**
 * Types into a field, tapping it first only when the form has not already put the focus there. The form moves the
 * focus in an effect after rendering: give it a moment (a slow phone) before counting a tap.
 */
async function typeInto(page: Page, path: string, text: string) {
  await page.waitForFunction((id) => document.activeElement?.id === id, idOf(path), { timeout: 2000 }).catch(() => undefined);
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== idOf(path)) await page.click(`#${idOf(path)}`);
  await page.keyboard.type(text);
}

async function member(page: Page, index: number, birthYear: string, adult: boolean) {
  await typeInto(page, `members.${index}.birth_year`, birthYear);
  await answer(page, `members.${index}.has_ehr`, true);
  if (!adult) return;
  await page.waitForSelector(`[data-testid="q-members.${index}.has_smartphone"]`);
  await answerAdult(page, index, index % 2 === 0);
}

/** YYYY-MM-DD in Vietnam, `days` from today. */
function vnDay(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the household form on the phone', () => {
  it('records two adults, a teenager and a child in at most 36 taps, with no answer pre-filled', async () => {
    const page = await openCounting('collector-14815');
    await page.selectOption('[data-testid=village-select]', { index: 1 });
    const before = await tapsOf(page);
    await page.click('[data-testid=new-household]');
    await page.waitForSelector('[data-testid=household-form]');
    // Nothing is answered until the collector answers it.
    expect(await page.locator('[data-testid=household-form] [aria-pressed=true]').count()).toBe(0);
    expect(await page.inputValue('#f-household-head_name')).toBe('');

    await typeInto(page, 'household.head_name', 'Trần Văn Bốn');
    await typeInto(page, 'household.address', 'Số 9, Khu phố 2');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(page, `household.${id}`, true);
    await answer(page, 'household.business_household', false);
    // Years get the numeric keypad, and say at which date ages are counted.
    expect(await page.getAttribute('#f-members-0-birth_year', 'inputmode')).toBe('numeric');
    expect(await page.textContent('[data-testid="q-members.0.birth_year"]')).toContain('tuổi tính đến 31/12/2024');
    await member(page, 0, '1980', true);
    await page.click('[data-testid=member-add]');
    await member(page, 1, '1982', true);
    await page.click('[data-testid=member-add]');
    await member(page, 2, '2008', true);
    await page.click('[data-testid=member-add]');
    await member(page, 3, '2015', false);
    const put = page.waitForRequest((request) => request.method() === 'PUT');
    await page.click('[data-testid=form-submit]');
    const body = (await put).postDataJSON();
    const taps = (await tapsOf(page)) - before;
    console.log(`Taps to record a household of two adults, a teenager and a child: ${taps} (40 before the questionnaire engine)`);
    expect(body.members).toHaveLength(4);
    expect(Object.keys(body.members[3]).sort()).toEqual(['birth_year', 'has_ehr']);
    expect(taps).toBeLessThanOrEqual(36);
    await page.context().close();
  });

  it('shows a missing answer and a broken rule together, marking only the questions in error', async () => {
    const page = await openCounting('collector-14815');
    await page.selectOption('[data-testid=village-select]', { index: 1 });
    await page.click('[data-testid=new-household]');
    await page.waitForSelector('[data-testid=household-form]');
    await typeInto(page, 'household.address', 'Số 1');
    await answer(page, 'household.fiber_broadband', true);
    await answer(page, 'household.internet_any', false);
    await typeInto(page, 'members.0.birth_year', '1990');
    await answer(page, 'members.0.has_ehr', true);
    await page.click('[data-testid=form-submit]');
    await page.waitForSelector('[data-testid=error-summary]');
    // The rule (fibre implies Internet) is listed beside the unanswered questions, not after they are fixed.
    expect(await page.textContent('[data-testid="error-household.head_name"]')).toBe('Vui lòng trả lời câu hỏi này.');
    expect(await page.textContent('[data-testid="error-household.internet_any"]')).toContain('cáp quang');
    expect(await page.locator('[data-testid="summary-household.internet_any"]').count()).toBe(1);
    expect(await page.locator('[data-testid="summary-members.0.has_smartphone"]').count()).toBe(1);
    // Only the question in error is red: an answered toggle of the same member card keeps its colour.
    const colour = (selector: string) => page.$eval(selector, (el) => getComputedStyle(el).borderTopColor);
    expect(await colour('[data-testid="members.0.has_ehr=false"]')).not.toBe(await colour('[data-testid="members.0.has_smartphone=true"]'));
    // A link of the summary opens the field.
    await page.click('[data-testid="summary-members.0.has_smartphone"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-members-0-has_smartphone');
    await page.context().close();
  });
});

describe('the 2026 round without a developer', () => {
  it('an admin publishes v2 and opens the 2026 round; a collector records in it offline; the export has the new column', async () => {
    // The admin uploads version 2 (one added question), previews it as collectors will see it and publishes it.
    const admin = await openCounting('admin', LAPTOP);
    await admin.waitForSelector('[data-testid=nav-surveys]');
    await admin.click('[data-testid=nav-surveys]');
    await admin.setInputFiles('[data-testid=survey-file]', {
      name: 'household-dx-v2.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(V2)),
    });
    await admin.waitForSelector('[data-testid=survey-outcome]');
    await admin.click('[data-testid=survey-preview-household-dx-2]');
    await admin.waitForSelector('[data-testid=survey-preview]');
    expect(await admin.textContent('[data-testid=survey-preview]')).toContain(ADDED.label.vi);
    expect((await admin.locator('[data-testid=survey-preview]').boundingBox())?.width).toBeLessThanOrEqual(390);
    await admin.click('[data-testid=preview-check]');
    expect(await admin.textContent('[data-testid=error-summary]')).toContain(ADDED.label.vi);
    await admin.click('[data-testid=nav-surveys]');
    await admin.click('[data-testid=survey-publish-household-dx-2]');
    await expect.poll(() => admin.textContent('[data-testid=survey-outcome]')).toContain('Đã công bố');

    // … and creates the 2026 round with it.
    await admin.click('[data-testid=nav-rounds]');
    await admin.click('[data-testid=round-new]');
    await admin.fill('[data-testid=round-name]', 'Khảo sát CĐS 2026');
    await admin.selectOption('[data-testid=round-survey]', 'household-dx@2');
    await admin.fill('[data-testid=round-reference]', '2026-12-31');
    await admin.fill('[data-testid=round-opens]', vnDay(-1));
    await admin.fill('[data-testid=round-closes]', vnDay(60));
    await admin.click('[data-testid=round-save]');
    await admin.waitForSelector('[data-testid=round-saved]');
    const rounds = (await (await fetch(`${stack.url}/api/rounds`, { headers: { Authorization: `Bearer ${await tokenOf('admin')}` } })).json()).rounds;
    const round2026 = rounds.find((r: { name: string }) => r.name === 'Khảo sát CĐS 2026');
    expect(round2026).toMatchObject({ surveyId: 'household-dx', surveyVersion: 2, referenceDate: '2026-12-31', status: 'open' });

    // The collector sees two open rounds and chooses 2026; the phone keeps its questionnaire.
    const phone = await openCounting('collector-14815');
    await phone.waitForSelector('[data-testid=round-select]');
    await phone.selectOption('[data-testid=round-select]', round2026.id);
    await expect.poll(() => phone.textContent('[data-testid=round-name]')).toContain('2026');
    await phone.selectOption('[data-testid=village-select]', { index: 1 });
    await phone.waitForSelector('[data-testid=new-household]');
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(() => phone.evaluate(() => localStorage.getItem('phieu.survey.household-dx.2') !== null)).toBe(true);

    // Offline: a household in the 2026 round, with the added question; a child born in 2010 is 16 in 2026.
    await setOffline(phone, true);
    await phone.click('[data-testid=new-household]');
    await phone.waitForSelector('[data-testid=household-form]');
    expect(await phone.textContent('[data-testid="q-members.0.birth_year"]')).toContain('tuổi tính đến 31/12/2026');
    await typeInto(phone, 'household.head_name', 'Lê Văn Năm');
    await typeInto(phone, 'household.address', 'Số 26, Khu phố 1');
    for (const id of ['fiber_broadband', 'internet_any', 'electricity_cashless']) await answer(phone, `household.${id}`, true);
    await answer(phone, 'household.business_household', false);
    await answer(phone, 'household.has_computer', true);
    await member(phone, 0, '2010', true);
    await phone.click('[data-testid=form-submit]');
    await phone.waitForSelector('[data-testid=household-row]');
    await setOffline(phone, false);

    // Online again: it uploads into the 2026 round, and the raw export has the new column.
    const token = await tokenOf('admin');
    await expect
      .poll(
        async () => {
          const csv = await (
            await fetch(`${stack.url}/api/exports/responses.csv?roundId=${encodeURIComponent(round2026.id)}`, { headers: { Authorization: `Bearer ${token}` } })
          ).text();
          return csv.includes('Lê Văn Năm') ? csv : '';
        },
        { timeout: 30_000 },
      )
      .toContain('has_computer');
    await phone.context().close();
    await admin.context().close();
  });
});

const tokenOf = (username: string) => apiToken(stack.url, username);
