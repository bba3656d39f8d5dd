// Exports as jobs: POST starts (or finds) a job, the worker writes the file, GET tells progress and hands out a
// download link. One job per export while nothing changed; who may ask what; a failure says why.
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseAggregatesCsv } from '../support/aggregates-csv';
import { responseBody } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const authed = async (path: string, username: string, init: RequestInit = {}) =>
  t.app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${await t.tokenFor(username)}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

async function put(body = responseBody(), id = randomUUID()) {
  const res = await authed(`/api/responses/${id}`, 'collector-14815', { method: 'PUT', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  await t.foldPending();
  return id;
}

const start = (body: Record<string, unknown>, username = 'admin') => authed('/api/exports', username, { method: 'POST', body: JSON.stringify(body) });
const status = async (id: string, username = 'admin') => authed(`/api/exports/${id}`, username);
const records = (text: string): Record<string, string>[] => parse(text, { bom: true, columns: true });

describe('export jobs', () => {
  it('runs a raw responses job: queued, then done with a link to the CSV', async () => {
    const id1 = await put();
    const res = await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv' });
    expect(res.status).toBe(202);
    const { id, status: queued } = await res.json();
    expect(queued).toBe('queued');
    expect(res.headers.get('location')).toBe(`/api/exports/${id}`);
    expect(await (await status(id)).json()).toMatchObject({ id, status: 'queued', rows: 0 });

    await t.runExportJobs();
    const done = await (await status(id)).json();
    expect(done).toMatchObject({ id, status: 'done', rows: 2 });
    expect(done.bytes).toBeGreaterThan(100);
    expect(Date.parse(done.expiresAt)).toBeGreaterThan(t.clock.now.getTime());
    const file = t.files.download(done.url)!;
    expect(file.length).toBe(done.bytes);
    const rows = records(file.toString('utf8'));
    expect(rows.map((r) => r.response_id)).toEqual([id1, id1]);
    expect(rows[0].ward_name).toBe('Phường Lam Sơn');
  });

  it('reuses the job while nothing changed, and starts a new one after a change', async () => {
    await put();
    const ask = { roundId: 'cds-2024', kind: 'responses', shape: 'wide', format: 'csv' };
    const first = await (await start(ask)).json();
    expect(await t.runExportJobs()).toEqual([first.id]);
    const again = await (await start(ask)).json();
    expect(again).toEqual({ id: first.id, status: 'done' });
    expect(await t.runExportJobs()).toEqual([]);

    await put();
    const after = await (await start(ask)).json();
    expect(after.id).not.toBe(first.id);
    expect(after.status).toBe('queued');
    await t.runExportJobs();
    expect(await (await status(after.id)).json()).toMatchObject({ status: 'done', rows: 2 });
  });

  it('gzips a CSV on request', async () => {
    await put();
    const { id } = await (await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv', gzip: true })).json();
    await t.runExportJobs();
    const done = await (await status(id)).json();
    expect(done.url).toContain('.csv.gz');
    const rows = records(gunzipSync(t.files.download(done.url)!).toString('utf8'));
    expect(rows).toHaveLength(2);
  });

  it('writes a raw responses workbook', async () => {
    await put();
    const { id } = await (await start({ roundId: 'cds-2024', kind: 'responses', format: 'xlsx', areaCode: '14815' })).json();
    await t.runExportJobs();
    const done = await (await status(id)).json();
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({ status: 'done', rows: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(t.files.download(done.url)! as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('response_id');
  });

  it('lets officials export the aggregates of their areas only, and see only those jobs', async () => {
    await put();
    const mine = await start({ roundId: 'cds-2024', kind: 'aggregates', format: 'csv' }, 'official-14815');
    expect(mine.status).toBe(202);
    const { id } = await mine.json();
    await t.runExportJobs();
    const done = await (await status(id, 'official-14815')).json();
    expect(done.status).toBe('done');
    const rows = parseAggregatesCsv(t.files.download(done.url)!.toString('utf8'));
    expect(new Set(rows.map((r) => r.area_code))).toEqual(new Set(['14815']));

    expect((await start({ roundId: 'cds-2024', kind: 'aggregates', format: 'xlsx', areaCode: '14809' }, 'official-14815')).status).toBe(403);
    expect((await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv' }, 'official')).status).toBe(403);
    expect((await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv' }, 'collector-14815')).status).toBe(403);
    const adminJob = await (await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv' })).json();
    expect((await status(adminJob.id, 'official')).status).toBe(404);
    expect((await status(id, 'official')).status).toBe(200);
  });

  it('refuses an unknown round or area and a malformed request', async () => {
    expect((await start({ roundId: 'nope', kind: 'responses', format: 'csv' })).status).toBe(400);
    expect((await start({ roundId: 'cds-2024', kind: 'responses', format: 'csv', areaCode: '99999' })).status).toBe(400);
    expect((await start({ roundId: 'cds-2024', kind: 'everything', format: 'csv' })).status).toBe(400);
    expect((await status('0123456789abcdef0123456789abcdef')).status).toBe(404);
  });

  it('reports a failed job with its reason, and a new request retries it', async () => {
    await put();
    t.files.failWith = 'bucket unavailable';
    const ask = { roundId: 'cds-2024', kind: 'responses', format: 'csv' };
    const { id } = await (await start(ask)).json();
    const logged: string[] = [];
    await t.runExportJobs((message) => logged.push(message));
    expect(await (await status(id)).json()).toMatchObject({ id, status: 'failed', error: 'bucket unavailable' });
    expect(logged).toEqual(['export job failed']);

    t.files.failWith = undefined;
    expect(await (await start(ask)).json()).toEqual({ id, status: 'queued' });
    await t.runExportJobs();
    expect(await (await status(id)).json()).toMatchObject({ status: 'done', rows: 2 });
  });
});
