// The web app's API client: headers it sends, answers it parses with the contract, errors it surfaces.
import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../web/src/lib/platform/api';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeServer(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(url), init: init ?? {} };
    calls.push(call);
    return respond(call);
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const BODY = {
  roundId: 'cds-2024',
  wardCode: '14815',
  villageCode: '14815-khu-pho-1',
  household: { head_name: 'A', address: 'B', fiber_broadband: false, internet_any: false, electricity_cashless: false, business_household: false },
  members: [{ birth_year: 2014, has_ehr: true }],
};

describe('createApiClient', () => {
  it('sends the bearer token, Accept-Language and If-Match with an edit', async () => {
    // Prepare
    const server = fakeServer(() => json({ id: 'x', version: 3 }));
    const client = createApiClient({ token: () => 'tok', lang: () => 'en', fetch: server.fetch });
    // Act
    const result = await client.putResponse('x', BODY, 2);
    // Assert
    const headers = server.calls[0].init.headers as Record<string, string>;
    expect(server.calls[0]).toMatchObject({ url: '/api/responses/x', init: { method: 'PUT' } });
    expect(headers).toMatchObject({ Authorization: 'Bearer tok', 'Accept-Language': 'en', 'If-Match': '2', 'Content-Type': 'application/json' });
    expect(JSON.parse(server.calls[0].init.body as string)).toEqual(BODY);
    expect(result).toEqual({ id: 'x', version: 3, created: false });
  });

  it('sends no If-Match for a new household and tells a 201 apart', async () => {
    const server = fakeServer(() => json({ id: 'x', version: 1 }, 201));
    const client = createApiClient({ token: () => 'tok', lang: () => 'vi', fetch: server.fetch });
    expect(await client.putResponse('x', BODY)).toEqual({ id: 'x', version: 1, created: true });
    expect(server.calls[0].init.headers).not.toHaveProperty('If-Match');
  });

  it('turns an error body into an ApiError with field issues and the current version', async () => {
    const server = fakeServer(() =>
      json(
        {
          error: {
            code: 'invalid_request',
            message: 'Dữ liệu gửi lên chưa hợp lệ.',
            issues: [{ path: 'members.0.birth_year', message: 'Năm sinh không được sau năm 2024.' }],
          },
        },
        400,
      ),
    );
    const client = createApiClient({ token: () => 'tok', lang: () => 'vi', fetch: server.fetch });
    const error = await client.putResponse('x', BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', issues: [{ path: 'members.0.birth_year' }] });

    const conflict = createApiClient({
      token: () => 'tok',
      lang: () => 'vi',
      fetch: fakeServer(() => json({ error: { code: 'version_conflict', message: 'm', currentVersion: 4 } }, 409)).fetch,
    });
    expect(await conflict.putResponse('x', BODY, 2).catch((e: unknown) => e)).toMatchObject({ status: 409, currentVersion: 4 });
  });

  it('calls onUnauthorized on a 401 of an authenticated call, not on a failed sign-in', async () => {
    const onUnauthorized = vi.fn();
    const server = fakeServer(() => json({ error: { code: 'unauthorized', message: 'Bạn cần đăng nhập.' } }, 401));
    const client = createApiClient({ token: () => 'old', lang: () => 'vi', fetch: server.fetch, onUnauthorized });
    await expect(client.createSession('a', 'b')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(client.listRounds()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('rejects an answer that does not match the contract, and reports an unreachable server', async () => {
    const bad = createApiClient({ token: () => 't', lang: () => 'en', fetch: fakeServer(() => json({ rounds: [{ id: 1 }] })).fetch });
    await expect(bad.listRounds()).rejects.toMatchObject({ code: 'unexpected_response', message: 'The server sent data in an unexpected shape.' });
    const offline = createApiClient({
      token: () => 't',
      lang: () => 'vi',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(offline.listRounds()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('pages responses with the query it is given', async () => {
    const server = fakeServer(() => json({ responses: [], cursor: 'next' }));
    const client = createApiClient({ token: () => 't', lang: () => 'vi', fetch: server.fetch });
    expect(await client.listResponses({ roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1', cursor: undefined })).toEqual({
      responses: [],
      cursor: 'next',
    });
    expect(server.calls[0].url).toBe('/api/responses?roundId=cds-2024&wardCode=14815&villageCode=14815-khu-pho-1');
  });

  it('downloads the CSV with the file name of Content-Disposition', async () => {
    const server = fakeServer(
      () => new Response('a,b\n', { headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="phieu-cds-2024-ward.csv"' } }),
    );
    const client = createApiClient({ token: () => 't', lang: () => 'vi', fetch: server.fetch });
    const { blob, filename } = await client.aggregatesCsv('cds-2024', 'ward');
    expect(filename).toBe('phieu-cds-2024-ward.csv');
    expect(await blob.text()).toBe('a,b\n');
    expect(server.calls[0].init.headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'text/csv' });
  });
});
