// An admin moves a collector's areas to the 2025 area set in Chromium: the Users page previews Lam Sơn (14815)
// becoming Phường Bỉm Sơn (14812) and a code that maps to nothing, saves, and the collector's next sign-in
// carries the new areas in the 2025 set.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { DEMO_PASSWORD, launchChromium, signIn } from './chromium';

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

describe("an admin moves a user's areas to the 2025 set", () => {
  it('previews each code and what it becomes, then saves; the user signs in with the new areas', { timeout: 120_000 }, async () => {
    const page = await (await browser.newContext(LAPTOP)).newPage();
    await page.goto(stack.url);
    await signIn(page, 'admin');
    // Reached from the admins' Roster page (the header keeps the collector's first download as small as it was).
    await page.click('[data-testid="nav-roster"]');
    await page.click('[data-testid="link-users"]');
    await page.fill('[data-testid="users-username"]', 'collector-14815');
    await page.fill('[data-testid="users-areas"]', '14815, 99999');
    expect(await page.inputValue('[data-testid="users-set"]')).toBe('bim-son-2025');
    await page.click('[data-testid="users-preview"]');
    const moved = page.locator('[data-testid="users-moved"]');
    await moved.waitFor();
    const rows = await moved.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['14815 14812', '99999 (không có)']);
    expect(await moved.textContent()).toContain('99999');

    await page.click('[data-testid="users-confirm"]');
    const done = page.locator('[data-testid="users-done"]');
    await done.waitFor();
    expect(await done.textContent()).toContain('14812');

    // The session cut-off is by the second: sign in after it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await fetch(`${stack.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'collector-14815', password: DEMO_PASSWORD }),
    });
    expect((await res.json()).user).toEqual({ username: 'collector-14815', role: 'collector', areas: ['14812'], areaSetId: 'bim-son-2025' });
  });
});
