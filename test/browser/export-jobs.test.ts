// Export jobs in the browser, against the local stack (its worker in process, files in s3rver): an admin asks
// for every response as a gzip CSV, one row per person, sees the job finish with its row count and downloads the
// file from the presigned link; an official prepares the indicator results of their area, as they are and re-based
// onto the 2025 wards; a failed job says why.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_EXPORTS_BUCKET } from '../../infra/local/s3-local';
import { startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';
import { ensureWebBuilt } from './build-web';
import { apiToken, launchChromium, PHONE, signIn } from './chromium';

let stack: Awaited<ReturnType<typeof startLocalStack>>;
let browser: Browser;

const tokenOf = (username: string) => apiToken(stack.url, username);

beforeAll(async () => {
  ensureWebBuilt();
  [stack, browser] = await Promise.all([startLocalStack({ port: 0 }), launchChromium()]);
  const collector = await tokenOf('collector-14815');
  const bodies = [
    responseBody({ householdCode: 'EJ-001', members: [adult(), child()] }),
    responseBody({ householdCode: 'EJ-002', villageCode: '14815-khu-pho-2', members: [adult({ has_smartphone: false })] }),
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

async function openResults(username: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(stack.url);
  await signIn(page, username);
  // Officials start on the results page; admins go there.
  if (username === 'admin') await page.click('[data-testid=nav-results]');
  await page.waitForSelector('[data-testid=export-job-start]');
  return page;
}

async function downloadJobFile(page: Page) {
  await page.waitForSelector('[data-testid=export-job-download]', { timeout: 30_000 });
  const event = page.waitForEvent('download');
  await page.click('[data-testid=export-job-download]');
  const file = await event;
  return { name: file.suggestedFilename(), bytes: Buffer.from(await readFile((await file.path())!)) };
}

describe('export jobs in the browser', () => {
  it('an admin prepares every response as a gzip CSV, one row per person, and downloads it', async () => {
    const admin = await openResults('admin');
    await admin.selectOption('[data-testid=export-job-kind]', 'responses');
    await admin.selectOption('[data-testid=export-job-shape]', 'long');
    await admin.selectOption('[data-testid=export-job-format]', 'csv');
    await admin.check('[data-testid=export-job-gzip]');
    await admin.click('[data-testid=export-job-start]');
    const file = await downloadJobFile(admin);
    expect(await admin.textContent('[data-testid=export-job-status]')).toContain('Tệp đã sẵn sàng: 3 dòng');
    expect(file.name).toMatch(/responses-long.*\.csv\.gz$/);
    const rows = parse(gunzipSync(file.bytes).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.household_code).sort()).toEqual(['EJ-001', 'EJ-001', 'EJ-002']);
    await admin.context().close();
  });

  it('an official prepares the indicator results of their area as Excel and downloads them', async () => {
    const official = await openResults('official');
    expect(await official.locator('[data-testid=export-job-kind]').count()).toBe(0);
    await official.selectOption('[data-testid=export-job-format]', 'xlsx');
    await official.click('[data-testid=export-job-start]');
    const file = await downloadJobFile(official);
    expect(file.name).toMatch(/aggregates.*\.xlsx$/);
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
    await official.context().close();
  });

  it('an official viewing the figures on the 2025 wards prepares them re-based onto that set', async () => {
    const official = await openResults('official');
    await official.click('[data-testid=area-set-bim-son-2025]');
    await official.waitForFunction(() => document.querySelector('[data-testid=area-set-bim-son-2025]')?.getAttribute('aria-pressed') === 'true');
    await official.selectOption('[data-testid=export-job-format]', 'csv');
    await official.click('[data-testid=export-job-start]');
    const file = await downloadJobFile(official);
    expect(file.name).toMatch(/aggregates-bim-son-2025.*\.csv$/);
    const rows = parse(file.bytes.toString('utf8'), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    // Lam Sơn's two households are now Phường Bỉm Sơn's (14812 in the 2025 set).
    const bimSon = rows.filter((r) => r['Mã địa bàn'] === '14812');
    expect(bimSon.length).toBeGreaterThan(0);
    expect(new Set(bimSon.map((r) => [r['Tên địa bàn'], r['Số hộ đã khảo sát']].join('|')))).toEqual(new Set(['Phường Bỉm Sơn|2']));
    await official.context().close();
  });

  it('a job that fails says why, in the page', async () => {
    const official = await openResults('official');
    // The worker's upload fails: the bucket is gone (what a misconfigured stack would do).
    const listed = await stack.s3.client.send(new ListObjectsV2Command({ Bucket: LOCAL_EXPORTS_BUCKET }));
    for (const object of listed.Contents ?? []) await stack.s3.client.send(new DeleteObjectCommand({ Bucket: LOCAL_EXPORTS_BUCKET, Key: object.Key }));
    await stack.s3.client.send(new DeleteBucketCommand({ Bucket: LOCAL_EXPORTS_BUCKET }));
    await official.selectOption('[data-testid=export-job-format]', 'csv');
    await official.check('[data-testid=export-job-gzip]');
    await official.click('[data-testid=export-job-start]');
    await official.waitForSelector('[data-testid=export-job-failed]', { timeout: 30_000 });
    expect(await official.textContent('[data-testid=export-job-failed]')).toMatch(/Không tạo được tệp\. Lý do: .+/);
    await official.context().close();
  });
});
