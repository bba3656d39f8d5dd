// Officials and admins in the browser: an admin imports a roster (errors first, then a good file); an
// official opens the results, sorts, reads a chart with its target line, downloads the CSV and the XLSX
// (read back with a standard CSV parser and with exceljs, figures equal to the API's), compares two rounds,
// and opens a ward's printable report. Real API, DynamoDB Local and the stream poller.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { INDICATORS } from '@shared/indicators/catalogue';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../functions/lib/auth/passwords';
import { startLocalStack } from '../../infra/local/stack';
import { csvDecimal, parseAggregatesCsv } from '../support/aggregates-csv';
import { adult, child, responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { apiToken, DEMO_PASSWORD, launchChromium, PHONE, signIn } from './chromium';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;

const tokenOf = (username: string) => apiToken(stack.url, username);

async function apiGet(path: string, username: string) {
  return (await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } })).json();
}

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  // An earlier, closed round to compare with.
  await stack.repo.reference.putRound({
    id: 'cds-2023',
    name: 'Khảo sát CĐS 2023',
    form: 'household-dx',
    formVersion: 1,
    referenceYear: 2023,
    opensAt: '2023-10-01T00:00:00Z',
    closesAt: '2023-12-31T00:00:00Z',
  });
  const collector = await tokenOf('collector-14815');
  const bodies = [
    responseBody({ householdCode: 'LS-001', members: [adult(), child()] }),
    responseBody({
      householdCode: 'LS-002',
      villageCode: '14815-khu-pho-2',
      household: { ...responseBody().household, fiber_broadband: false },
      members: [adult({ has_smartphone: false })],
    }),
  ];
  for (const body of bodies) {
    const res = await fetch(`${stack.url}/api/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${collector}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openAs(username: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ ...viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  return page;
}

async function download(page: Page, testId: string) {
  const event = page.waitForEvent('download');
  await page.click(`[data-testid=${testId}]`);
  const file = await event;
  return { name: file.suggestedFilename(), bytes: Buffer.from(await readFile((await file.path())!)) };
}

describe('officials in the browser', () => {
  it('an admin checks a roster file, sees every bad line, then imports a good one', async () => {
    const admin = await openAs('admin');
    await admin.click('[data-testid=nav-roster]');
    await admin.waitForSelector('[data-testid=roster-file]');

    const bad = 'ward_code,village,household_code,head_name,address\n14815,Khu phố 1,LS-001,Nguyễn Văn Đức,Số 5\n14815,Thôn Ma,LS-002,Trần Thị Bình,\n';
    await admin.setInputFiles('[data-testid=roster-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await admin.waitForSelector('[data-testid=roster-errors]');
    expect(await admin.textContent('[data-testid=roster-errors]')).toContain('Không có thôn/khu phố "Thôn Ma" trong Phường Lam Sơn.');
    expect(await admin.locator('[data-testid=roster-import]').count()).toBe(0);

    const good = `${bad.replace('Thôn Ma', 'khu pho 2')}14815,Khu phố 2,LS-003,Lê Văn Cường,Số 9\n`;
    await admin.setInputFiles('[data-testid=roster-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${good}`) });
    await admin.waitForSelector('[data-testid=roster-import]');
    expect(await admin.textContent('[data-testid=roster-preview]')).toContain('Phường Lam Sơn: 3 hộ');
    await admin.click('[data-testid=roster-import]');
    await admin.waitForSelector('[data-testid=roster-done]');
    await admin.waitForSelector('[data-testid=roster-current]');
    expect(await admin.textContent('[data-testid=roster-current]')).toContain('Phường Lam Sơn');
    await admin.context().close();
  });

  it('an official reads the results with coverage, sorts, sees the chart and its target, and downloads both files', async () => {
    const official = await openAs('official');
    const cell = official.locator('[data-testid="cell-14815-hh_fiber_broadband-nd"]');
    await expect.poll(() => cell.textContent(), { timeout: 10_000, interval: 200 }).toBe('1/2');
    // 2 surveyed of the 3 households on the roster imported above.
    expect(await official.textContent('[data-testid=households-14815]')).toContain('2 / 3');
    expect(await official.textContent('[data-testid=coverage-14815]')).toContain('66,7%');
    expect(await official.textContent('[data-testid="cell-14815-hh_fiber_broadband"]')).toContain('✗ Chưa đạt');

    // Sort by fibre broadband, highest first: Lam Sơn (50%) before wards without data; totals stay last.
    await official.click('[data-testid="sort-indicator:hh_fiber_broadband"]');
    const order = await official.locator('[data-testid=results-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(order[0]).toBe('results-row-14815');
    expect(order.at(-1)).toBe('results-row-381');
    expect(await official.getAttribute('[data-testid="head-hh_fiber_broadband"]', 'aria-sort')).toBe('descending');

    // The chart: a bar per ward and the town, the 80% target as a line.
    const chart = official.locator('[data-testid=chart-hh_fiber_broadband]');
    await chart.waitFor();
    expect(await chart.locator('[data-testid=target-line]').textContent()).toContain('Mục tiêu 80%');
    expect(await chart.locator('[data-testid=bar-14815]').textContent()).toContain('50,0% ✗');
    expect(await chart.locator('g[data-testid^=bar-]').count()).toBe(8);
    expect(await official.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);

    const api = await apiGet('/api/aggregates?roundId=cds-2024&level=ward', 'official');
    const csv = await download(official, 'download-csv');
    expect(csv.name).toBe('phieu-cds-2024-ward.csv');
    const records = parseAggregatesCsv(csv.bytes);
    const apiFibre = api.areas.find((a: { code: string }) => a.code === '14815').indicators[0];
    expect(records.find((r) => r.area_code === '14815' && r.indicator_id === 'hh_fiber_broadband')).toMatchObject({
      area_name: 'Phường Lam Sơn',
      percent: csvDecimal(apiFibre.percent),
      households_total: '3',
    });

    const xlsx = await download(official, 'download-xlsx');
    expect(xlsx.name).toBe('phieu-cds-2024-all.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const wards = workbook.worksheets[0];
    const lamSonRow = 2 + api.areas.findIndex((a: { code: string }) => a.code === '14815') * INDICATORS.length;
    expect(wards.getRow(lamSonRow).getCell(1).value).toBe('14815');
    expect((wards.getRow(lamSonRow).getCell(10).value as number) * 100).toBeCloseTo(apiFibre.percent, 9);

    // English on the switch: indicator names in English in the table and chart.
    await official.click('[data-testid=lang-en]');
    expect(await official.textContent('[data-testid=head-hh_fiber_broadband]')).toContain('Households with fibre broadband');
    expect(await chart.locator('figcaption').textContent()).toBe('Households with fibre broadband');
    await official.click('[data-testid=lang-vi]');

    // Compare with last year's round: no data then, so the change is unknown but both percents show.
    await official.selectOption('[data-testid=compare-base]', 'cds-2023');
    await official.waitForSelector('[data-testid=compare-table]');
    expect(await official.textContent('[data-testid="compare-14815-hh_fiber_broadband"]')).toContain('— → 50,0%');

    // The printable ward report.
    await official.click('[data-testid=report-link-14815]');
    await official.waitForSelector('[data-testid=ward-report]');
    expect(await official.textContent('[data-testid=report-ward]')).toBe('Phường Lam Sơn');
    expect(await official.textContent('[data-testid=report-coverage]')).toContain('Đã khảo sát 2 / 3 hộ (66,7%)');
    expect(await official.textContent('[data-testid=report-village-14815-khu-pho-2]')).toContain('1');
    expect(await official.textContent('[data-testid=report-row-hh_fiber_broadband]')).toContain('✗ Chưa đạt');
    await official.emulateMedia({ media: 'print' });
    expect(await official.locator('.topbar').isVisible()).toBe(false);
    expect(await official.locator('[data-testid=print-report]').isVisible()).toBe(false);
    const pdf = await official.pdf({ format: 'A4' }).catch(() => undefined);
    if (pdf) expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await official.context().close();
  });

  it('the results page polls only what its user may read: no 403 for an official of one ward or of the town', async () => {
    await stack.repo.reference.putLocalUser({
      username: 'official-14815',
      role: 'official',
      areas: ['14815'],
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    for (const [username, totals] of [
      ['official-14815', []],
      ['official', ['district']],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const polled: { level: string | null; status: number }[] = [];
      page.on('response', (res) => {
        const url = new URL(res.url());
        if (url.pathname === '/api/aggregates') polled.push({ level: url.searchParams.get('level'), status: res.status() });
      });
      await page.goto(stack.url);
      await signIn(page, username);
      await page.locator('[data-testid="cell-14815-hh_fiber_broadband-nd"]').waitFor({ timeout: 10_000 });
      // At least two rounds of polling (every 2 s), then a focus that refreshes at once.
      await page.waitForTimeout(4_500);
      await page.evaluate(() => dispatchEvent(new Event('focus')));
      await page.waitForTimeout(500);
      expect(polled.filter((p) => p.level === 'ward').length).toBeGreaterThanOrEqual(2);
      expect(polled.filter((p) => p.status === 403)).toEqual([]);
      expect(new Set(polled.map((p) => p.level))).toEqual(new Set(['ward', ...totals]));
      await context.close();
    }
  });

  it('a collector picks the household from the roster and gets its head and address filled in', async () => {
    const collector = await openAs('collector-14815');
    await collector.waitForSelector('[data-testid=village-select]');
    await collector.selectOption('[data-testid=village-select]', '14815-khu-pho-1');
    await collector.click('[data-testid=new-household]');
    await collector.waitForSelector('[data-testid=roster-search]');
    await collector.fill('[data-testid=roster-search]', 'duc');
    await collector.click('[data-testid=roster-pick-LS-001]');
    expect(await collector.inputValue('#f-household-head_name')).toBe('Nguyễn Văn Đức');
    expect(await collector.inputValue('#f-household-address')).toBe('Số 5');
    expect(await collector.textContent('[data-testid=roster-chosen]')).toContain('LS-001');
    // The choice is part of the draft on the phone: a reload brings it back with the answers.
    await expect.poll(() => collector.url(), { timeout: 10_000 }).toMatch(/#\/collect\/14815-khu-pho-1\/[0-9a-f-]{36}$/);
    await collector.reload();
    await collector.waitForSelector('[data-testid=roster-chosen]');
    expect(await collector.textContent('[data-testid=roster-chosen]')).toContain('LS-001');
    expect(await collector.inputValue('#f-household-head_name')).toBe('Nguyễn Văn Đức');
    await collector.context().close();
  });
});
