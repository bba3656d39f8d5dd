// An admin imports a roster into the 2025 map in the browser: the page offers the area sets (the open round's
// first chosen), reads the file's codes in the set chosen (a village of Lam Sơn is Phường Bỉm Sơn's in 2025) and
// sends it there, leaving the 2020 rosters as they were. Real API and DynamoDB Local.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, PHONE, signIn } from './chromium';

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

async function apiGet(path: string) {
  return (await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${await apiToken(stack.url, 'admin')}` } })).json();
}

describe('roster import per area set in the browser', () => {
  it('imports a Phường Bỉm Sơn roster into the 2025 set chosen on the page', async () => {
    const context = await browser.newContext({ ...PHONE });
    const admin = await context.newPage();
    await admin.goto(stack.url);
    await signIn(admin, 'admin');
    await admin.click('[data-testid=nav-roster]');
    await admin.waitForSelector('[data-testid=roster-area-set]');
    // The round open now is on the installation's set.
    expect(await admin.inputValue('[data-testid=roster-area-set]')).toBe('bim-son-2020');
    await admin.selectOption('[data-testid=roster-area-set]', 'bim-son-2025');

    const csv = ['ward_code,village,household_code,head_name,address', '14812,14815-khu-pho-1,PBS-001,Lê Văn Cường,Số 3'].join('\n');
    await admin.setInputFiles('[data-testid=roster-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.waitForSelector('[data-testid=roster-import]');
    expect(await admin.textContent('[data-testid=roster-preview]')).toContain('Phường Bỉm Sơn: 1 hộ');
    await admin.click('[data-testid=roster-import]');
    await admin.waitForSelector('[data-testid=roster-done]');
    await admin.waitForSelector('[data-testid=roster-current]');
    expect(await admin.textContent('[data-testid=roster-current]')).toContain('Phường Bỉm Sơn');

    expect(await apiGet('/api/roster/wards?areaSet=bim-son-2025')).toMatchObject({ wards: [{ wardCode: '14812', households: 1 }] });
    const own = await apiGet('/api/roster/wards');
    expect(own.wards.map((w: { wardCode: string }) => w.wardCode)).not.toContain('14812');
    await context.close();
  });
});
