// A round's own indicator list in the browser. An admin opens a CLOSED round's Chỉ tiêu page, is refused a bad
// list with the error next to the right field, then adds "people 15+ with a smartphone who pay cashless" (real
// household-dx v1 question ids) and saves; the official's results table then shows it, in the person group, with
// the figures the seeded responses give. Also: a zero denominator reads "no data" (never 0% or 100%); at 1366 px
// the table uses the window and its head rows and area column stay in view while it scrolls; the printable
// report of a ward with 12 villages is exactly one A4 page in Chromium's print to PDF.
import { randomUUID } from 'node:crypto';
import type { Member } from '@shared/survey/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { adult, child, REFERENCE_YEAR, ROUND_ID, responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, signIn } from './chromium';

const LAPTOP = { viewport: { width: 1366, height: 768 } } as const;
const WARD = '14821';
const NEW_ID = 'p15_smartphone_cashless';
const NEW_LABEL = 'Tỷ lệ người từ 15 tuổi có điện thoại thông minh và thanh toán không dùng tiền mặt';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;
let villages: string[];
const seeded: Member[][] = [];

const tokenOf = (username: string) => apiToken(stack.url, username);

async function apiGet(path: string, username: string) {
  return (await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } })).json();
}

/** Village i: an adult (smartphone on even i, cashless on i divisible by 3), a child, and on every fourth a 15-year-old with both. */
function membersOf(i: number): Member[] {
  const members = [adult({ has_smartphone: i % 2 === 0, cashless_essential: i % 3 === 0 }), child()];
  if (i % 4 === 0) members.push(adult({ name: 'Lê Văn An', birth_year: REFERENCE_YEAR - 15, has_smartphone: true, cashless_essential: true }));
  return members;
}

/** The new indicator's expected counts, from the seeded members: age ≥ 15 counted, smartphone and cashless met. */
function expected() {
  const people = seeded.flat().filter((m) => REFERENCE_YEAR - (m.birth_year as number) >= 15);
  return { numerator: people.filter((m) => m.has_smartphone === true && m.cashless_essential === true).length, denominator: people.length };
}

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  const areas = await stack.repo.reference.listAreas();
  villages = areas.filter((a) => a.level === 'village' && a.parentCode === WARD).map((a) => a.code);
  expect(villages).toHaveLength(12);
  const collector = await tokenOf(`collector-${WARD}`);
  for (const [i, villageCode] of villages.entries()) {
    const members = membersOf(i);
    seeded.push(members);
    const body = responseBody({ wardCode: WARD, villageCode, householdCode: `DS-${i + 1}`, members });
    const res = await fetch(`${stack.url}/api/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${collector}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  }
  // Wait for the fold: all 12 households counted (expect.poll needs a test; this is a plain wait).
  for (let tries = 0; ; tries++) {
    const aggregates = await apiGet(`/api/aggregates?roundId=${ROUND_ID}&level=ward`, 'official');
    if (aggregates.areas?.find((a: { code: string }) => a.code === WARD)?.households.surveyed === 12) break;
    if (tries > 80) throw new Error('the 12 households were not counted in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // The round closes: its indicator list must still be editable.
  const round = (await stack.repo.reference.getRound(ROUND_ID))!;
  await stack.repo.reference.putRound({ ...round, closesAt: '2025-01-01T00:00:00+07:00' });
  // An earlier round to compare with, which counted Internet access as fibre only.
  await stack.repo.reference.putRound({
    ...round,
    id: 'cds-2023',
    name: 'Khảo sát CĐS 2023',
    referenceYear: 2023,
    referenceDate: '2023-12-31',
    opensAt: '2023-10-01T00:00:00+07:00',
    closesAt: '2024-01-01T00:00:00+07:00',
    indicators: round.indicators?.map((i) => (i.id === 'hh_internet' ? { ...i, numerator: { q: 'fiber_broadband', eq: true } } : i)),
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openAs(username: string, hash = ''): Promise<Page> {
  const context = await browser.newContext(LAPTOP);
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  await page.waitForSelector('#login-username', { state: 'detached' });
  if (hash) await page.goto(`${stack.url}/${hash}`);
  return page;
}

async function openIndicators(): Promise<Page> {
  const admin = await openAs('admin', '#/rounds');
  await admin.click(`[data-testid=round-indicators-${ROUND_ID}]`);
  await admin.waitForSelector('[data-testid=indicators-page]');
  await admin.waitForSelector('[data-testid=indicators-closed]');
  return admin;
}

/** Adds one "question operator value" row to an indicator's condition. */
async function addRow(page: Page, prefix: string, row: number, q: string, op: string, value: string) {
  await page.click(`[data-testid=${prefix}-add-row]`);
  await page.selectOption(`[data-testid=${prefix}-row-${row}-q]`, q);
  await page.selectOption(`[data-testid=${prefix}-row-${row}-op]`, op);
  const value$ = page.locator(`[data-testid=${prefix}-row-${row}-value]`);
  if ((await value$.evaluate((el) => el.tagName)) === 'SELECT') await value$.selectOption(value);
  else await value$.fill(value);
}

describe('a round’s indicator list', () => {
  it('a bad list is refused with the error next to the right indicator and field, and nothing changes', async () => {
    const admin = await openIndicators();
    const before = await apiGet(`/api/rounds/${ROUND_ID}/indicators`, 'admin');
    await admin.click('[data-testid=ind-2-toggle]');
    await admin.click('[data-testid=ind-2-numerator-mode]');
    await admin.fill('[data-testid=ind-2-numerator-json]', '{"q": "no_such_question", "eq": true}');
    await admin.click('[data-testid=indicators-save]');
    await admin.waitForSelector('[data-testid=indicators-refused]');
    const error = admin.locator('[data-testid=ind-2-error-numerator]');
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(0);
    // Only that indicator is marked.
    expect(await admin.locator('.indicator-card.has-error').count()).toBe(1);
    expect(await admin.getAttribute('[data-testid=indicator-2]', 'class')).toContain('has-error');
    expect(await apiGet(`/api/rounds/${ROUND_ID}/indicators`, 'admin')).toEqual(before);
    await admin.context().close();
  });

  it('an admin adds an indicator to the closed round; the official’s table shows it with the right figures', async () => {
    const admin = await openIndicators();
    const count = await admin.locator('.indicator-card').count();
    // The list in words, from the questionnaire.
    expect(await admin.textContent('[data-testid=ind-0-numerator-words]')).toContain('cáp quang');
    await admin.click('[data-testid=indicator-add]');
    const at = `ind-${count}`;
    await admin.fill(`[data-testid=${at}-id]`, NEW_ID);
    await admin.selectOption(`[data-testid=${at}-unit]`, 'person');
    await admin.fill(`[data-testid=${at}-labelVi]`, NEW_LABEL);
    await admin.fill(`[data-testid=${at}-labelEn]`, 'People 15+ with a smartphone who pay cashless');
    await addRow(admin, `${at}-population`, 0, 'age', 'gte', '15');
    await addRow(admin, `${at}-numerator`, 0, 'has_smartphone', 'eq', 'true');
    await addRow(admin, `${at}-numerator`, 1, 'cashless_essential', 'eq', 'true');
    await admin.fill(`[data-testid=${at}-source]`, 'Sở Thông tin và Truyền thông');
    expect(await admin.textContent(`[data-testid=${at}-population-words]`)).toBe('người từ 15 tuổi trở lên');
    expect(await admin.textContent(`[data-testid=${at}-numerator-words]`)).toContain('có điện thoại thông minh và thanh toán không dùng tiền mặt');
    expect(await admin.textContent(`[data-testid=${at}-target-words]`)).toBe('Chưa có mục tiêu');
    await admin.click('[data-testid=indicators-save]');
    await admin.waitForSelector('[data-testid=indicators-saved]');

    const saved = await apiGet(`/api/rounds/${ROUND_ID}/indicators`, 'admin');
    expect(saved.indicators.at(-1)).toMatchObject({
      id: NEW_ID,
      unit: 'person',
      population: { q: 'age', gte: 15 },
      numerator: {
        all: [
          { q: 'has_smartphone', eq: true },
          { q: 'cashless_essential', eq: true },
        ],
      },
      target: null,
    });
    // The recount of the closed round's stored responses finishes.
    await expect.poll(async () => (await apiGet(`/api/rounds/${ROUND_ID}/indicators`, 'admin')).recompute, { timeout: 30_000, interval: 300 }).toBeNull();
    await admin.context().close();

    const { numerator, denominator } = expected();
    expect(denominator).toBe(15);
    const official = await openAs('official');
    const nd = official.locator(`[data-testid="cell-${WARD}-${NEW_ID}-nd"]`);
    await expect.poll(() => nd.textContent(), { timeout: 15_000, interval: 250 }).toBe(`${numerator}/${denominator}`);
    const percent = (Math.round((numerator * 1000) / denominator) / 10).toLocaleString('vi-VN', { minimumFractionDigits: 1 });
    expect(await official.textContent(`[data-testid="cell-${WARD}-${NEW_ID}-pct"]`)).toBe(`${percent}%`);
    expect(await official.textContent(`[data-testid=head-${NEW_ID}]`)).toContain(NEW_LABEL);
    // In the person group: after every household column.
    const heads = await official.locator('[data-testid=results-table] thead tr.heads th').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-testid')));
    expect(heads.at(-1)).toBe(`head-${NEW_ID}`);
    expect(await official.textContent('[data-testid=group-person]')).toBe('Chỉ tiêu tính theo người');
    await official.click('[data-testid=lang-en]');
    expect(await official.textContent(`[data-testid=head-${NEW_ID}]`)).toContain('People 15+ with a smartphone who pay cashless');
    await official.click('[data-testid=lang-vi]');

    // Compared with the earlier round: the new indicator was not there, Internet access was counted differently.
    await official.selectOption('[data-testid=compare-base]', 'cds-2023');
    await official.waitForSelector('[data-testid=compare-table]');
    expect(await official.textContent(`[data-testid=compare-mark-${NEW_ID}]`)).toContain('đợt trước không có chỉ tiêu này');
    expect(await official.textContent('[data-testid=compare-mark-hh_internet]')).toContain('cách tính đã đổi');
    expect(await official.locator('[data-testid=compare-mark-hh_fiber_broadband]').count()).toBe(0);
    await official.context().close();
  });

  it('a zero denominator reads “no data”, never 0% or 100%', async () => {
    const official = await openAs('official');
    // No household of the seeded ward has a business: the e-commerce indicator has nobody to count.
    const cell = official.locator(`[data-testid="cell-${WARD}-hh_business_ecommerce-pct"]`);
    await expect.poll(() => cell.textContent(), { timeout: 15_000, interval: 250 }).toBe('Chưa có số liệu');
    expect(await official.textContent(`[data-testid="cell-${WARD}-hh_business_ecommerce-nd"]`)).toBe('0/0');
    // A ward without any response: every indicator.
    const empty = await official.locator('[data-testid=results-row-14809] [data-testid$=-pct]').allTextContents();
    expect(empty.length).toBeGreaterThan(0);
    for (const text of empty) expect(text).toBe('Chưa có số liệu');
    expect(await official.textContent('[data-testid=results-row-14809]')).not.toMatch(/(^|[^\d])(0,0|100,0)%/);
    await official.click('[data-testid=lang-en]');
    expect(await cell.textContent()).toBe('No data');
    await official.click('[data-testid=lang-vi]');
    await official.context().close();
  });

  it('at 1366 px the table uses the window, and its head rows and area column stay in view while it scrolls', async () => {
    const official = await openAs('official');
    await official.waitForSelector(`[data-testid="cell-${WARD}-hh_fiber_broadband"]`);
    const box = official.locator('.results-page .table-scroll').first();
    const boxRect = (await box.boundingBox())!;
    expect(boxRect.width).toBeGreaterThan(1250);
    const scrolled = await box.evaluate((el) => {
      el.scrollTop = 400;
      el.scrollLeft = 700;
      return { top: el.scrollTop, left: el.scrollLeft };
    });
    expect(scrolled.top).toBeGreaterThan(100);
    expect(scrolled.left).toBeGreaterThan(300);
    const corner = (await official.locator('[data-testid=results-table] thead th.corner').boundingBox())!;
    expect(Math.abs(corner.y - boxRect.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(corner.x - boxRect.x)).toBeLessThanOrEqual(2);
    // The second head row stays right under the group row.
    const head = (await official.locator('[data-testid=results-table] thead tr.heads th').last().boundingBox())!;
    expect(head.y - boxRect.y).toBeGreaterThan(20);
    expect(head.y - boxRect.y).toBeLessThan(60);
    // A ward's name stays at the left edge while its figures scrolled away under it.
    const name = (await official.locator('[data-testid=results-row-381] th').boundingBox())!;
    expect(Math.abs(name.x - boxRect.x)).toBeLessThanOrEqual(2);
    await official.context().close();
  });

  it('the printable report of a ward with 12 villages is one A4 page', async () => {
    const official = await openAs('official', `#/report/${WARD}/${ROUND_ID}`);
    await official.waitForSelector('[data-testid=ward-report]');
    expect(await official.locator('[data-testid^=report-village-]').count()).toBe(12);
    expect(await official.locator('[data-testid^=report-row-]').count()).toBeGreaterThanOrEqual(12);
    await official.emulateMedia({ media: 'print' });
    const pdf = (await official.pdf({ format: 'A4' })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages).toHaveLength(1);
    await official.context().close();
  });
});
