// The API answers only requests that came through CloudFront (origin-verify header), and the export app takes the
// viewer's bearer token from x-phieu-authorization behind origin access control.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../functions/lib/errors';
import { originGuard } from '../../functions/lib/http/origin-guard';
import { viewerAuthorization } from '../../functions/lib/http/viewer-authorization';

const SECRET = 'v'.repeat(48);

function guarded(originVerify: string | string[] | undefined, exempt?: string[]) {
  const app = new Hono();
  app.use('/api/*', originGuard(originVerify, { exempt }));
  app.get('/api/*', (c) => c.json({ ok: true }));
  app.onError((error, c) => (error instanceof Problem ? c.json({ error: { code: error.code } }, error.status) : c.json({}, 500)));
  return app;
}

describe('origin guard', () => {
  it('refuses a request without the origin-verify header, or with a wrong value', async () => {
    const app = guarded(SECRET);
    const bare = await app.request('/api/session');
    expect(bare.status).toBe(403);
    expect(await bare.json()).toEqual({ error: { code: 'forbidden' } });
    expect((await app.request('/api/self/abc', { headers: { 'x-phieu-origin-verify': 'w'.repeat(48) } })).status).toBe(403);
    expect((await app.request('/api/self/abc', { headers: { 'x-phieu-origin-verify': SECRET.slice(1) } })).status).toBe(403);
  });

  it('lets a request with the deployment’s value through', async () => {
    const res = await guarded(SECRET).request('/api/rounds', { headers: { 'x-phieu-origin-verify': SECRET } });
    expect(res.status).toBe(200);
  });

  it('accepts the previous value while a rotation reaches CloudFront', async () => {
    const app = guarded([SECRET, 'p'.repeat(48)]);
    expect((await app.request('/api/rounds', { headers: { 'x-phieu-origin-verify': 'p'.repeat(48) } })).status).toBe(200);
    expect((await app.request('/api/rounds', { headers: { 'x-phieu-origin-verify': SECRET } })).status).toBe(200);
    expect((await app.request('/api/rounds', { headers: { 'x-phieu-origin-verify': 'q'.repeat(48) } })).status).toBe(403);
  });

  it('lets everything through when no value is configured (local server, tests), and exempt paths always', async () => {
    expect((await guarded(undefined).request('/api/rounds')).status).toBe(200);
    const app = guarded(SECRET, ['/api/health']);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/rounds')).status).toBe(403);
  });
});

describe('viewer authorization behind origin access control', () => {
  const app = new Hono();
  app.use('*', viewerAuthorization);
  app.get('*', (c) => c.json({ authorization: c.req.header('authorization') ?? null }));

  it('puts the viewer’s bearer token back in place of CloudFront’s signature', async () => {
    const res = await app.request('/api/exports/responses.csv', {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20261130/ap-southeast-1/lambda/aws4_request', 'x-phieu-authorization': 'Bearer abc' },
    });
    expect(await res.json()).toEqual({ authorization: 'Bearer abc' });
  });

  it('drops CloudFront’s signature when the viewer sent no token, and leaves a plain bearer token alone', async () => {
    const signed = await app.request('/x', { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/x' } });
    expect(await signed.json()).toEqual({ authorization: null });
    expect(await (await app.request('/x', { headers: { authorization: 'Bearer local' } })).json()).toEqual({ authorization: 'Bearer local' });
  });
});
