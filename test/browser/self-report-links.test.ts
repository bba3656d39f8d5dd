// Self-report links on the local stack: the links list in pages, the printed sheet without households that
// answered (unless asked), the links page offline, short codes typed as an address or into the entry box with the
// roster's name and address filled in, and link URLs from the server's own URL whatever a request's Host says.
import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/stack';
import { responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, PHONE, setOffline, signIn } from './chromium';

const VILLAGE = '14815-khu-pho-2';
const SLOW = { timeout: 15_000 };

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

const tokenOf = (username: string) => apiToken(stack.url, username);

interface MadeLink {
  token: string;
  url: string;
  code: string;
  shortUrl: string;
  headName?: string;
}

async function makeLinks(body: Record<string, unknown>): Promise<MadeLink[]> {
  const res = await fetch(`${stack.url}/api/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenOf('collector-14815')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, ...body }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).links;
}

async function collectorOn(path: string): Promise<Page> {
  const page = await (await browser.newContext({ ...PHONE })).newPage();
  await page.goto(stack.url);
  await signIn(page, 'collector-14815');
  await page.waitForSelector('[data-testid=village-select]');
  await page.goto(`${stack.url}/${path}`);
  return page;
}

async function phoneAt(url: string): Promise<Page> {
  const page = await (await browser.newContext({ ...PHONE })).newPage();
  await page.goto(url);
  return page;
}

describe('self-report links in the browser', () => {
  it('lists links a page at a time, prints only households that have not answered unless asked, with short addresses', async () => {
    const [answered] = await makeLinks({ households: [{ headName: 'Hộ Đã Trả Lời' }] });
    await makeLinks({ count: 120 });
    const sent = await fetch(`${stack.url}/api/self/${answered.token}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ household: responseBody().household, members: responseBody().members }),
    });
    expect(sent.status).toBe(201);

    const collector = await collectorOn(`#/links/${VILLAGE}`);
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(100);
    await collector.click('[data-testid=links-more]');
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(121);
    expect(await collector.locator('[data-testid=links-more]').count()).toBe(0);

    // The sheet: 120 blank links; the household that answered is left out until the box is ticked.
    expect(await collector.locator('[data-testid=sheet-card]').count()).toBe(120);
    expect(await collector.locator('[data-testid=sheet-card]', { hasText: 'Hộ Đã Trả Lời' }).count()).toBe(0);
    await collector.check('[data-testid=links-print-answered]');
    await expect.poll(() => collector.locator('[data-testid=sheet-card]').count()).toBe(121);
    expect(await collector.locator('[data-testid=sheet-card]', { hasText: 'Hộ Đã Trả Lời' }).count()).toBe(1);
    // Each card shows what a person types: the short address and the code, not the long link.
    const card = collector.locator('[data-testid=sheet-card]', { hasText: 'Hộ Đã Trả Lời' });
    const host = stack.url.replace(/^http:\/\//, '');
    expect(await card.locator('[data-testid=sheet-address]').textContent()).toBe(`${host}/s/${answered.code}`);
    expect(await card.textContent()).toContain(`Mã phiếu: ${answered.code}`);
    expect(await card.textContent()).not.toContain(answered.token);
  });

  it('says plainly that the links page needs the network when the phone is offline', async () => {
    const collector = await collectorOn(`#/links/${VILLAGE}`);
    await collector.waitForSelector('[data-testid=create-links]');
    await setOffline(collector, true);
    await expect.poll(() => collector.textContent('[data-testid=links-offline]'), SLOW).toContain('Cần có mạng để tạo và in phiếu tự khai');
    expect(await collector.locator('[data-testid=create-links]').count()).toBe(0);
    await setOffline(collector, false);
    await collector.waitForSelector('[data-testid=create-links]', SLOW);
  });

  it('opens the form from a short code typed as an address, with the roster name and address filled in', async () => {
    const roster = ['ward_code,village,household_code,head_name,address', `14815,${VILLAGE},K2-001,Đinh Văn Hải,Số 9 ngõ 4`].join('\n');
    const imported = await fetch(`${stack.url}/api/roster/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('admin')}`, 'content-type': 'text/csv' },
      body: roster,
    });
    expect(imported.status).toBe(201);
    const [link] = await makeLinks({ households: [{ householdCode: 'K2-001' }] });
    expect(link.shortUrl).toBe(`${stack.url}/s/${link.code}`);

    // Typed in lower case without dashes, as a person might.
    const phone = await phoneAt(`${stack.url}/s/${link.code.replace(/-/g, '').toLowerCase()}`);
    await phone.waitForSelector('[data-testid=self-form]', SLOW);
    expect(await phone.inputValue('#f-household-head_name')).toBe('Đinh Văn Hải');
    expect(await phone.inputValue('#f-household-address')).toBe('Số 9 ngõ 4');
    expect(new URL(phone.url()).pathname).toBe('/');
    expect(decodeURIComponent(new URL(phone.url()).hash)).toBe(`#/s/${link.token}`);

    // Its link is the village's last, past the first page: choosing from the roster still marks the household.
    const collector = await collectorOn(`#/links/${VILLAGE}`);
    await expect.poll(() => collector.locator('[data-testid=link-row]').count(), SLOW).toBe(100);
    await collector.click('[data-testid=links-kind-named]');
    await collector.waitForSelector('[data-testid=links-roster]', SLOW);
    const row = collector.locator('li', { has: collector.locator('[data-testid=links-roster-K2-001]') });
    await expect.poll(() => row.locator('[data-testid=links-roster-mark]').textContent(), SLOW).toBe('Đã có đường dẫn');
  });

  it('opens the form from the "Nhập mã phiếu" box, and says inline what is wrong with a bad code', async () => {
    const [link] = await makeLinks({ count: 1 });
    const phone = await phoneAt(`${stack.url}/s`);
    await phone.waitForSelector('[data-testid=self-code]', SLOW);
    expect(await phone.textContent('[data-testid=self-code] h2')).toBe('Nhập mã phiếu');
    await phone.fill('[data-testid=self-code-input]', '7KQM-4X92');
    await phone.click('[data-testid=self-code-open]');
    expect(await phone.textContent('[data-testid=self-code-error]')).toContain('12 chữ và số');
    await phone.fill('[data-testid=self-code-input]', 'AAAA-BBBB-CCCC');
    await phone.click('[data-testid=self-code-open]');
    await expect.poll(() => phone.textContent('[data-testid=self-code-error]'), SLOW).toBeTruthy();
    await phone.fill('[data-testid=self-code-input]', ` ${link.code.toLowerCase()} `);
    await phone.click('[data-testid=self-code-open]');
    await phone.waitForSelector('[data-testid=self-form]', SLOW);
  });

  it('builds link URLs from its own URL, whatever Host, X-Forwarded-Host, Origin and x-public-host say', async () => {
    const token = await tokenOf('collector-14815');
    const { port } = new URL(stack.url);
    const body = JSON.stringify({ roundId: 'cds-2024', wardCode: '14815', villageCode: VILLAGE, count: 1 });
    const answer = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(port),
          path: '/api/links',
          method: 'POST',
          headers: {
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
            origin: 'https://evil.example',
            'x-public-host': 'evil.example',
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const [link] = JSON.parse(answer).links;
    expect(link.url).toBe(`${stack.url}/#/s/${link.token}`);
    expect(link.shortUrl).toBe(`${stack.url}/s/${link.code}`);
  });
});
