// Launches Debian's Chromium for browser tests (Playwright cannot download its own browser here).
// Install with `apt-get install -y chromium`; CHROMIUM_PATH overrides the binary.
import { existsSync } from 'node:fs';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../infra/local/demo-users';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh temporary profile (each context is isolated further). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The phone the app is designed for: 360 × 740 CSS pixels, touch. */
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

export { DEMO_PASSWORD };

/** A user's API token from POST /api/session (demo password unless given): tests set up data through the API. */
export async function apiToken(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return (await res.json()).token;
}

/** Answers a question of the household form by its choice button (`<path>=<value>`, e.g. household.internet_any=true). */
export async function answer(page: Page, path: string, value: boolean | string): Promise<void> {
  await page.click(`[data-testid="${path}=${String(value)}"]`);
}

/** The questions the household form asks an adult (from 15), after the health record: every browser test's adult. */
export const ADULT_QUESTIONS = [
  'has_smartphone',
  'has_payment_account',
  'cashless_essential',
  'has_vneid_level2',
  'has_digital_signature',
  'used_online_public_service',
  'used_telehealth',
] as const;

/** Answers every adult question of member `index` with `value`. */
export async function answerAdult(page: Page, index: number, value: boolean): Promise<void> {
  for (const id of ADULT_QUESTIONS) await answer(page, `members.${index}.${id}`, value);
}

/** Signs in through the login form of a page showing it. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('[data-testid=login-submit]');
}

/** Offline as a phone without signal: the page's own requests (CDP) and the service worker's (context). */
const cdpSessions = new WeakMap<Page, CDPSession>();
export async function setOffline(page: Page, offline: boolean): Promise<void> {
  await page.context().setOffline(offline);
  // The session stays attached: detaching it would drop its network conditions.
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}
