// Return for correction end to end (Chromium): an official returns a household with a comment, the collector's
// phone shows the comment in the list and in the form, the collector corrects and saves, and the official finds
// it waiting again and approves it with the keyboard. The review page has no axe violations.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';
import { axeViolations } from './axe';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, PHONE, signIn } from './chromium';

const COMMENT = 'Địa chỉ chưa đúng số nhà, hỏi lại hộ';
let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;
let id: string;

const tokenOf = (username: string) => apiToken(stack.url, username);

async function stored(username = 'official') {
  return (await fetch(`${stack.url}/api/review/responses/${id}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } })).json();
}

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  id = randomUUID();
  const body = responseBody({ household: { ...responseBody().household, head_name: 'Lê Thị Hoa', address: 'Số 12' } });
  const res = await fetch(`${stack.url}/api/responses/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await tokenOf('collector-14815')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openReview(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await page.goto(stack.url);
  await signIn(page, 'official');
  await page.goto(`${stack.url}/#/review/14815`);
  await page.waitForSelector('[data-testid=review-desk]');
  return page;
}

describe('return for correction', () => {
  it('goes from the reviewer to the collector and back, and ends approved', async () => {
    // The official returns the household with a comment.
    const reviewer = await openReview();
    expect(await axeViolations(reviewer)).toEqual([]);
    await reviewer.click(`[data-testid=review-item][data-id="${id}"]`);
    await reviewer.click('[data-testid=review-return]');
    await reviewer.waitForSelector('[data-testid=review-comment-error]');
    await reviewer.fill('[data-testid=review-comment]', COMMENT);
    await reviewer.click('[data-testid=review-return]');
    await reviewer.waitForSelector('[data-testid=review-notice]');
    expect((await stored()).review).toMatchObject({ state: 'returned', comment: COMMENT, by: 'official' });

    // The collector's phone marks it, with the comment, in the list and in the form.
    const phone = await (await browser.newContext({ ...PHONE })).newPage();
    await phone.goto(stack.url);
    await signIn(phone, 'collector-14815');
    await phone.waitForSelector('[data-testid=village-select]');
    await phone.selectOption('[data-testid=village-select]', '14815-khu-pho-1');
    const row = phone.locator(`[data-testid=household-row][data-id="${id}"]`);
    await row.locator('[data-testid=badge-returned]').waitFor();
    expect(await row.locator('[data-testid=household-review-comment]').textContent()).toContain(COMMENT);
    await row.locator('[data-testid=household-edit]').click();
    await phone.waitForSelector('[data-testid=review-returned]');
    expect(await phone.textContent('[data-testid=review-returned]')).toContain(COMMENT);
    await phone.fill('#f-household-address', 'Số 21, đường Trần Phú');
    await phone.click('[data-testid=form-submit]');
    await phone.waitForSelector(`[data-testid=household-row][data-id="${id}"][data-state=uploaded]`);
    await expect.poll(async () => (await stored()).review.state, { timeout: 10_000 }).toBe('submitted');

    // The official finds it waiting again and approves it with the keyboard.
    await reviewer.reload();
    await reviewer.waitForSelector(`[data-testid=review-item][data-id="${id}"][data-state=submitted]`);
    await reviewer.click(`[data-testid=review-item][data-id="${id}"]`);
    expect(await reviewer.textContent('[data-testid=answer-address]')).toBe('Số 21, đường Trần Phú');
    await reviewer.keyboard.press('a');
    await reviewer.waitForSelector('[data-testid=review-notice]');
    expect((await stored()).review).toMatchObject({ state: 'approved', by: 'official' });
  });
});
