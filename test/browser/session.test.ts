// Sessions in the browser: the refresh credential is out of the page's reach, a refused token is renewed without
// the user noticing, a refused renewal asks for a sign-in, and an account with an authenticator app is asked for
// its 6-digit code.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { ensureWebBuilt } from './build-web';
import { DEMO_PASSWORD, launchChromium, PHONE, signIn } from './chromium';

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
  const page = await (await browser.newContext({ ...PHONE })).newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  await page.waitForSelector('[data-testid=round-name]');
  return page;
}

/** Replaces the stored token with one that expired an hour ago (and was never valid), as after a night asleep. */
async function expireStoredToken(page: Page) {
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('phieu.session')!);
    const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 3600 })).replace(/=+$/, '');
    localStorage.setItem('phieu.session', JSON.stringify({ ...session, token: `e30.${payload}.expired` }));
  });
}
const storedToken = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('phieu.session') ?? 'null')?.token as string | undefined);

describe('sessions in the browser', () => {
  it('keeps the refresh cookie from scripts and renews an expired token without asking', async () => {
    const page = await openAs('collector-14815');
    expect(await page.evaluate(() => document.cookie)).not.toContain('phieu_refresh');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'phieu_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/session' });

    await expireStoredToken(page);
    await page.reload();
    await page.waitForSelector('[data-testid=round-name]');
    await page.waitForFunction(() => !JSON.parse(localStorage.getItem('phieu.session')!).token.endsWith('.expired'));
    expect(await page.locator('[data-testid=login-form]').count()).toBe(0);
    const renewed = await storedToken(page);
    expect((await fetch(`${stack.url}/api/rounds`, { headers: { authorization: `Bearer ${renewed}` } })).status).toBe(200);
  });

  it('asks for a sign-in when the renewal is refused (an admin ended the session)', async () => {
    const page = await openAs('collector-14809');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const admin = await (
      await fetch(`${stack.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) })
    ).json();
    const out = await fetch(`${stack.url}/api/users/collector-14809/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
    expect(out.status).toBe(204);
    await expireStoredToken(page);
    await page.reload();
    await page.waitForSelector('[data-testid=login-form]');
  });

  it('asks for the 6-digit code when the account has an authenticator app', async () => {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    const real = await (
      await fetch(`${stack.url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'official', password: DEMO_PASSWORD }) })
    ).json();
    const bodies: unknown[] = [];
    // The local stand-in has no MFA: the two answers Cognito's path gives are played here.
    await page.route('**/api/session', async (route) => {
      const body = route.request().postDataJSON();
      bodies.push(body);
      if (body.password) {
        await route.fulfill({ status: 401, json: { error: { code: 'mfa_required', message: 'Nhập mã 6 số.', session: 'challenge-1' } } });
      } else if (body.code === '111111') {
        await route.fulfill({ status: 401, json: { error: { code: 'mfa_code_invalid', message: 'Mã không đúng.' } } });
      } else await route.fulfill({ status: 200, json: real });
    });
    await page.goto(stack.url);
    await signIn(page, 'official');
    const code = page.locator('[data-testid=login-code]');
    await code.waitFor();
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('111111');
    await page.click('[data-testid=login-code-submit]');
    await page.waitForSelector('[data-testid=login-error]');
    await code.fill('123456');
    await page.click('[data-testid=login-code-submit]');
    await page.waitForSelector('[data-testid=login-code-form]', { state: 'detached' });
    expect(bodies).toEqual([
      { username: 'official', password: DEMO_PASSWORD },
      { username: 'official', session: 'challenge-1', code: '111111' },
      { username: 'official', session: 'challenge-1', code: '123456' },
    ]);
    expect(await storedToken(page)).toBe(real.token);
    await context.close();
  });
});
