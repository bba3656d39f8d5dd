// axe-core on every page, at the viewport its users have (collectors and households on a phone, officials and
// admins on a laptop): zero violations.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { type AxeViolation, axeViolations } from './axe';
import { ensureWebBuilt } from './build-web';
import { DEMO_PASSWORD, launchChromium, PHONE, signIn } from './chromium';

const LAPTOP = { viewport: { width: 1366, height: 900 } } as const;
type Viewport = typeof PHONE | typeof LAPTOP;

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

/** Each page of a signed-in user (or none), with the violations found on it. */
async function audit(
  username: string | undefined,
  viewport: Viewport,
  hashes: string[],
  shown: Record<string, string> = {},
): Promise<Record<string, AxeViolation[]>> {
  const context = await browser.newContext({ ...viewport, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  const found: Record<string, AxeViolation[]> = {};
  if (username) {
    await page.locator('#login-username').waitFor();
    found.login = await axeViolations(page);
    await signIn(page, username);
    await page.locator('[data-testid=login-submit]').waitFor({ state: 'detached' });
  }
  for (const hash of hashes) {
    await page.goto(`${stack.url}/${hash}`);
    await page
      .locator(shown[hash] ?? 'main')
      .first()
      .waitFor();
    // Lazy pages load their chunk and data first.
    await page.waitForTimeout(1_500);
    found[hash] = await axeViolations(page);
  }
  await context.close();
  return Object.fromEntries(Object.entries(found).filter(([, violations]) => violations.length > 0));
}

/** What each page shows once loaded, so that axe reads the page itself and not a spinner or a redirect. */
const OFFICIAL_SHOWN = { '#/results': '[data-testid=results-table]', '#/report/14815': '[data-testid=ward-report]' };
const ADMIN_SHOWN = {
  ...OFFICIAL_SHOWN,
  '#/rounds': '[data-testid=rounds-page]',
  '#/rounds/cds-2024/indicators': '[data-testid=indicators-page]',
  '#/roster': '[data-testid=roster-file]',
  '#/surveys': '[data-testid=surveys-page]',
};

describe('accessibility (axe-core)', () => {
  it('collector pages on a phone: login, list, household form, links', async () => {
    expect(
      await audit('collector-14815', PHONE, ['#/collect', '#/collect/14815-khu-pho-1', '#/collect/14815-khu-pho-1/new', '#/links/14815-khu-pho-1']),
    ).toEqual({});
  });

  it("the self-report code page and a household's self-report form on a phone", async () => {
    const login = await fetch(`${stack.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'collector-14815', password: DEMO_PASSWORD }),
    });
    const made = await fetch(`${stack.url}/api/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await login.json()).token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1', count: 1 }),
    });
    const { links } = await made.json();
    const form = new URL(links[0].url).hash;
    expect(await audit(undefined, PHONE, ['#/s', form], { [form]: '[data-testid=self-form]' })).toEqual({});
  });

  it('finds a violation when there is one (axe really runs)', async () => {
    const context = await browser.newContext({ ...PHONE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(stack.url);
    await page.locator('#login-username').waitFor();
    await page.evaluate(() => document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img src="x.png">'));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
    await context.close();
  });

  it('official pages on a laptop and a phone: results and the ward report', async () => {
    for (const viewport of [LAPTOP, PHONE]) expect(await audit('official', viewport, ['#/results', '#/report/14815'], OFFICIAL_SHOWN)).toEqual({});
  });

  it('admin pages on a laptop: rounds, a round indicators page, roster, surveys', async () => {
    expect(await audit('admin', LAPTOP, ['#/results', '#/rounds', '#/rounds/cds-2024/indicators', '#/roster', '#/surveys'], ADMIN_SHOWN)).toEqual({});
  });
});
