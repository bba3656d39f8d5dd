// Export jobs end to end on DynamoDB Local and the local S3 server (s3rver): POST → the in-process worker →
// S3 multipart upload → GET with a presigned link that downloads the right CSV; reuse, and a reported failure.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';

let stack: LocalStack;
let broken: LocalStack;
const tokens = new Map<string, string>();

async function signIn(target: LocalStack, username: string) {
  const res = await fetch(`${target.url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'bimson2024' }) });
  return (await res.json()).token as string;
}

beforeAll(async () => {
  stack = await startLocalStack();
  for (const username of ['admin', 'collector-14815']) tokens.set(username, await signIn(stack, username));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await broken?.stop();
});

const call = (target: LocalStack, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${target.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

async function finished(target: LocalStack, id: string, token: string) {
  await Promise.all(target.runningExports);
  return (await call(target, `/api/exports/${id}`, token)).json();
}

const ask = { roundId: 'cds-2024', kind: 'responses', shape: 'long', format: 'csv' };

describe('export jobs on DynamoDB Local and s3rver', () => {
  it('goes queued → running → done, downloads the right CSV, and is reused while nothing changed', async () => {
    const id = randomUUID();
    const put = await call(stack, `/api/responses/${id}`, tokens.get('collector-14815')!, {
      method: 'PUT',
      body: JSON.stringify(responseBody({ members: [adult(), child()] })),
    });
    expect(put.status).toBe(201);
    await stack.poller.idle();

    const admin = tokens.get('admin')!;
    const started = await call(stack, '/api/exports', admin, { method: 'POST', body: JSON.stringify(ask) });
    expect(started.status).toBe(202);
    const { id: jobId, status } = await started.json();
    expect(status).toBe('queued');
    const seen = (await (await call(stack, `/api/exports/${jobId}`, admin)).json()).status;
    expect(['queued', 'running', 'done']).toContain(seen);

    const done = await finished(stack, jobId, admin);
    expect(done).toMatchObject({ id: jobId, status: 'done', rows: 2 });
    expect(done.url).toContain(stack.s3.endpoint);
    const download = await fetch(done.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('.csv');
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.length).toBe(done.bytes);
    const rows: Record<string, string>[] = parse(Buffer.from(bytes).toString('utf8'), { bom: true, columns: true });
    expect(rows.map((row) => [row.response_id, row.member_index, row.ward_name])).toEqual([
      [id, '1', 'Phường Lam Sơn'],
      [id, '2', 'Phường Lam Sơn'],
    ]);

    const again = await call(stack, '/api/exports', admin, { method: 'POST', body: JSON.stringify(ask) });
    expect(await again.json()).toEqual({ id: jobId, status: 'done' });
  });

  it('reports a failure with its reason', async () => {
    broken = await startLocalStack({ exportsBucket: 'no-such-bucket' });
    const admin = await signIn(broken, 'admin');
    const started = await call(broken, '/api/exports', admin, { method: 'POST', body: JSON.stringify(ask) });
    const { id } = await started.json();
    const failed = await finished(broken, id, admin);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/bucket/i);
  }, 60_000);
});
