// The map changed on 1 July 2025: an official switches the 2024 round's results to today's two wards and sees
// each new ward's figures equal to the sums of its former units, with the note that Hà Vinh was not surveyed;
// the choice survives a reload, reaches the comparison, the CSV and the ward report; axe finds nothing in either
// state; under the approved policy the new wards show their state counts and provisional figures. An admin sees
// the area sets, previews a bad import line by line, and opens a 2026 round on the 2025 set.
// Real API, DynamoDB Local and the stream poller.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { adult, responseBody } from '../support/fixtures';
import { axeViolations } from './axe';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, signIn } from './chromium';

const LAPTOP = { viewport: { width: 1366, height: 900 } } as const;
const FIBRE = 'hh_fiber_broadband';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;

const tokenOf = (username: string) => apiToken(stack.url, username);

async function apiGet(path: string, username: string) {
  return (await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } })).json();
}

/** Households of the 2024 round in five of the seven former units: [ward, village, has fibre]. */
const HOUSEHOLDS: [string, string, boolean][] = [
  ['14812', '14812-khu-pho-1', true],
  ['14815', '14815-khu-pho-1', true],
  ['14815', '14815-khu-pho-2', false],
  ['14821', '14821-khu-pho-3', false],
  ['14809', '14809-khu-pho-1', true],
  ['14824', '14824-thon-1', false],
];

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  const villages = new Set(((await (await fetch(`${stack.url}/api/areas`)).json()).areas as { code: string }[]).map((a) => a.code));
  for (const [ward, village, fibre] of HOUSEHOLDS) {
    expect(villages.has(village)).toBe(true);
    const res = await fetch(`${stack.url}/api/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await tokenOf(`collector-${ward}`)}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        responseBody({ wardCode: ward, villageCode: village, household: { ...responseBody().household, fiber_broadband: fibre }, members: [adult()] }),
      ),
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openAs(username: string): Promise<Page> {
  const context = await browser.newContext({ ...LAPTOP, acceptDownloads: true, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  return page;
}

const fibreOf = (page: Page, code: string) => page.locator(`[data-testid="cell-${code}-${FIBRE}-nd"]`);

describe('results on another area set', () => {
  it('an official switches the 2024 round to the 2025 wards: sums of the former units, the note, reload, compare, CSV, report', async () => {
    const official = await openAs('official');
    // Every household folded on the round's own set first.
    await expect.poll(() => fibreOf(official, '14815').textContent(), { timeout: 15_000, interval: 200 }).toBe('1/2');
    await expect.poll(() => fibreOf(official, '14824').textContent(), { timeout: 15_000, interval: 200 }).toBe('0/1');
    expect(await official.locator('[data-testid=results-table] tbody tr').count()).toBe(8);
    const switcher = official.locator('[data-testid=area-set-switch]');
    expect(await switcher.locator('legend').textContent()).toBe('Xem theo địa giới');
    expect(await official.getAttribute('[data-testid=area-set-bim-son-2020]', 'aria-pressed')).toBe('true');
    expect(await official.textContent('[data-testid=area-set-bim-son-2020]')).toBe('trước 1/7/2025');
    expect(await official.textContent('[data-testid=area-set-bim-son-2025]')).toBe('sau 1/7/2025');
    expect(await axeViolations(official)).toEqual([]);

    const own = await apiGet('/api/aggregates?roundId=cds-2024&level=ward', 'official');
    const sum = (codes: string[], field: 'numerator' | 'denominator') =>
      codes.reduce(
        (total, code) => total + (own.areas.find((a: { code: string }) => a.code === code)?.indicators.find((i: { id: string }) => i.id === FIBRE)[field] ?? 0),
        0,
      );
    const bimSon = ['14812', '14815', '14821'];
    const quangTrung = ['14809', '14818', '14823', '14824'];

    await official.click('[data-testid=area-set-bim-son-2025]');
    // The two new wards; no town row (the 2025 set has no town), and the province is not this official's to total.
    await expect.poll(() => official.locator('[data-testid=results-table] tbody tr').count(), { timeout: 10_000, interval: 200 }).toBe(2);
    expect(await official.getAttribute('[data-testid=area-set-bim-son-2025]', 'aria-pressed')).toBe('true');
    expect(await official.textContent('[data-testid=results-row-14812] th')).toContain('Phường Bỉm Sơn');
    expect(await official.textContent('[data-testid=results-row-14818] th')).toContain('Phường Quang Trung');
    expect(await fibreOf(official, '14812').textContent()).toBe(`${sum(bimSon, 'numerator')}/${sum(bimSon, 'denominator')}`);
    expect(await fibreOf(official, '14818').textContent()).toBe(`${sum(quangTrung, 'numerator')}/${sum(quangTrung, 'denominator')}`);
    expect(await fibreOf(official, '14812').textContent()).toBe('2/4');
    expect(await fibreOf(official, '14818').textContent()).toBe('1/2');
    expect(await official.textContent('[data-testid=households-14812]')).toContain('4');
    // Households per review state, as on the round's own wards (nobody has reviewed yet: all four waiting).
    const rebased = await apiGet('/api/aggregates?roundId=cds-2024&level=ward&areaSet=bim-son-2025', 'official');
    expect(rebased.areas.find((a: { code: string }) => a.code === '14812').households).toMatchObject({ submitted: 4, approved: 0, returned: 0, rejected: 0 });
    expect(await official.textContent('[data-testid=review-counts-14812]')).toBe('Đã duyệt 0 · Chờ duyệt 4 · Trả lại 0 · Không chấp nhận 0');
    expect(await official.textContent('[data-testid=note-tag-14812]')).toContain('có lưu ý');
    expect(await official.textContent('[data-testid=area-notes]')).toContain('Hà Vinh');
    expect(await official.textContent('[data-testid=rebased-hint]')).toContain('sau 1/7/2025');
    expect(official.url()).toContain('areaSet=bim-son-2025');
    expect(await axeViolations(official)).toEqual([]);

    // A reload keeps the choice.
    await official.reload();
    await expect.poll(() => fibreOf(official, '14812').textContent(), { timeout: 10_000, interval: 200 }).toBe('2/4');
    expect(await official.getAttribute('[data-testid=area-set-bim-son-2025]', 'aria-pressed')).toBe('true');

    // The CSV on the same set, with its note column.
    const event = official.waitForEvent('download');
    await official.click('[data-testid=download-csv]');
    const csv = (await readFile((await (await event).path())!)).toString('utf8');
    expect(csv).toContain('Phường Bỉm Sơn');
    expect(csv).not.toContain('Phường Lam Sơn');
    expect(csv).toContain('Hà Vinh');

    // The printable report of the new ward: its former units, Hà Vinh not surveyed, the note.
    await official.click('[data-testid=report-link-14812]');
    await official.waitForSelector('[data-testid=ward-report]');
    expect(await official.textContent('[data-testid=report-ward]')).toBe('Phường Bỉm Sơn');
    expect(await official.textContent('[data-testid=report-former-14815]')).toContain('Phường Lam Sơn');
    expect(await official.textContent('[data-testid=report-former-15277]')).toContain('Không khảo sát trong đợt này');
    expect(await official.textContent('[data-testid=report-notes]')).toContain('Hà Vinh');
    expect(await official.textContent('[data-testid=report-row-hh_fiber_broadband]')).toContain('2/4');
    expect(await axeViolations(official)).toEqual([]);

    // Back to the results, still on the 2025 wards; the round's own set again in one click.
    await official.click('.report-actions a');
    await expect.poll(() => fibreOf(official, '14812').textContent(), { timeout: 10_000, interval: 200 }).toBe('2/4');
    await official.click('[data-testid=area-set-bim-son-2020]');
    await expect.poll(() => official.locator('[data-testid=results-table] tbody tr').count(), { timeout: 10_000, interval: 200 }).toBe(8);
    expect(await official.textContent('[data-testid=results-row-14812] th')).toContain('Phường Ba Đình');
    expect(official.url()).not.toContain('areaSet=');
    await official.context().close();
  });

  it('the comparison on the 2025 wards keeps the notes', async () => {
    await stack.repo.reference.putRound({
      id: 'cds-2023',
      name: 'Khảo sát CĐS 2023',
      form: 'household-dx',
      formVersion: 1,
      referenceYear: 2023,
      opensAt: '2023-10-01T00:00:00Z',
      closesAt: '2023-12-31T00:00:00Z',
      areaSetId: 'bim-son-2020',
    });
    const official = await openAs('official');
    await official.goto(`${stack.url}/#/results?round=cds-2024&areaSet=bim-son-2025`);
    await expect.poll(() => fibreOf(official, '14812').textContent(), { timeout: 15_000, interval: 200 }).toBe('2/4');
    await official.selectOption('[data-testid=compare-base]', 'cds-2023');
    await official.waitForSelector('[data-testid=compare-table]');
    expect(await official.textContent('[data-testid=compare-row-14812] th')).toBe('Phường Bỉm Sơn');
    expect(await official.textContent('[data-testid="compare-14812-hh_fiber_broadband"]')).toContain('— → 50,0%');
    expect(await official.textContent('[data-testid=compare-notes]')).toContain('Hà Vinh');
    expect(await axeViolations(official)).toEqual([]);
    await official.context().close();
  });

  it('under the approved policy the 2025 wards show the confirmed figures, the state counts and the provisional table', async () => {
    const admin = { authorization: `Bearer ${await tokenOf('admin')}`, 'content-type': 'application/json' };
    const policy = (countPolicy: string) =>
      fetch(`${stack.url}/api/rounds/cds-2024`, { method: 'PATCH', headers: admin, body: JSON.stringify({ countPolicy }) });
    expect((await policy('approved')).status).toBe(200);
    // Lam Sơn's household with fibre approved; the other three of Phường Bỉm Sơn still waiting.
    const { responses } = await (await fetch(`${stack.url}/api/review/responses?roundId=cds-2024&wardCode=14815`, { headers: admin })).json();
    const withFibre = responses.find((r: { villageCode: string }) => r.villageCode === '14815-khu-pho-1');
    const reviewed = await fetch(`${stack.url}/api/responses/${withFibre.id}/review`, {
      method: 'POST',
      headers: { ...admin, 'if-match': String(withFibre.version) },
      body: JSON.stringify({ state: 'approved' }),
    });
    expect(reviewed.status).toBe(200);
    const official = await openAs('official');
    await official.goto(`${stack.url}/#/results?round=cds-2024&areaSet=bim-son-2025`);
    await expect.poll(() => fibreOf(official, '14812').first().textContent(), { timeout: 15_000, interval: 200 }).toBe('1/1');
    await official.waitForSelector('[data-testid=policy-approved]');
    expect(await official.locator('[data-testid=review-counts-14812]').first().textContent()).toBe('Đã duyệt 1 · Chờ duyệt 3 · Trả lại 0 · Không chấp nhận 0');
    const provisional = official.locator('[data-testid=provisional]');
    expect(await provisional.locator(`[data-testid="cell-14812-${FIBRE}-nd"]`).textContent()).toBe('2/4');
    expect(await provisional.locator(`[data-testid="cell-14818-${FIBRE}-nd"]`).textContent()).toBe('1/2');
    expect(await axeViolations(official)).toEqual([]);
    await official.context().close();
    expect((await policy('submitted')).status).toBe(200);
  });
});

describe('admins and area sets', () => {
  it('lists the sets, previews a bad import line by line, and opens a 2026 round on the 2025 set', async () => {
    const admin = await openAs('admin');
    await admin.click('[data-testid=nav-rounds]');
    await admin.click('[data-testid=area-sets-link]');
    await admin.waitForSelector('[data-testid=area-sets]');
    expect(await admin.textContent('[data-testid=area-set-units-bim-son-2020]')).toContain('7 phường/xã');
    expect(await admin.textContent('[data-testid=area-set-units-bim-son-2025]')).toContain('2 phường/xã');
    expect(await axeViolations(admin)).toEqual([]);

    const bad = {
      id: 'thu-nghiem-2026',
      name: 'Thử nghiệm',
      effectiveFrom: '2026-01-01',
      fromSetId: 'bim-son-2025',
      units: [
        { code: '38', name: 'Tỉnh Thanh Hóa', level: 'province', parentCode: null },
        { code: '99001', name: 'Phường Mới', level: 'ward', parentCode: '38', from: ['14812', '77777'] },
        { code: '99001', name: 'Phường Trùng', level: 'ward', parentCode: '38' },
      ],
    };
    await admin.setInputFiles('[data-testid=area-set-file]', { name: 'set.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await admin.waitForSelector('[data-testid=area-set-errors]');
    const errors = await admin.textContent('[data-testid=area-set-errors]');
    expect(errors).toContain('77777');
    expect(errors).toContain('Mã 99001 đã có ở dòng trước.');
    expect(await admin.locator('[data-testid=area-set-import]').count()).toBe(0);
    expect(await axeViolations(admin)).toEqual([]);

    await admin.click('[data-testid=nav-rounds]');
    await admin.click('[data-testid=round-new]');
    await admin.fill('[data-testid=round-name]', 'Khảo sát CĐS 2026');
    await admin.selectOption('[data-testid=round-area-set]', 'bim-son-2025');
    await admin.fill('[data-testid=round-opens]', '2026-10-01');
    await admin.fill('[data-testid=round-closes]', '2026-12-31');
    await admin.click('[data-testid=round-save]');
    await admin.waitForSelector('[data-testid=round-saved]');
    const rounds = (await apiGet('/api/rounds', 'admin')).rounds as { name: string; areaSetId: string; id: string }[];
    const created = rounds.find((r) => r.name === 'Khảo sát CĐS 2026');
    expect(created?.areaSetId).toBe('bim-son-2025');
    expect(await admin.textContent(`[data-testid=round-area-set-${created!.id}]`)).toBe('Bỉm Sơn từ 1/7/2025');
    await admin.context().close();
  });
});
