import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createCachedJwks } from '../../functions/lib/auth/cached-jwks';
import { createJwtVerifier, createSessionVerifier } from '../../functions/lib/auth/identity';
import { createVerifiedTokenCache } from '../../functions/lib/auth/verified-tokens';

const ISSUER = 'https://idp.test/pool';
const USER = { username: 'u', role: 'collector' as const, areas: ['14815'] };

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

async function tokenWith(key: Awaited<ReturnType<typeof keyPair>>, exp: string | number = '1h') {
  return new SignJWT({ 'cognito:username': 'u', 'cognito:groups': ['collector'], 'custom:areas': '14815', token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256', kid: key.jwk.kid })
    .setIssuer(ISSUER)
    .setAudience('client')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key.privateKey);
}

describe('verified token cache', () => {
  it('forgets a token at its expiry and the least recently used beyond its bound', () => {
    let now = 1000;
    const cache = createVerifiedTokenCache({ max: 2, now: () => now });
    cache.set('a', USER, 5000);
    cache.set('b', USER, 5000);
    expect(cache.get('a')).toEqual(USER);
    cache.set('c', USER, 5000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(USER);
    now = 5000;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('cached JWKS', () => {
  it('verifies with the shipped keys without fetching, and fetches once for a rotated key', async () => {
    const [first, second] = await Promise.all([keyPair('k1'), keyPair('k2')]);
    const fetched: string[] = [];
    let published: JSONWebKeySet = { keys: [first.jwk, second.jwk] };
    const keySet = createCachedJwks({
      url: `${ISSUER}/.well-known/jwks.json`,
      initial: { keys: [first.jwk] },
      cooldownMs: 0,
      fetchKeys: async (url) => {
        fetched.push(url);
        return published;
      },
    });
    const verify = createJwtVerifier({ keySet, issuer: ISSUER, audience: 'client' });
    expect(await verify(await tokenWith(first))).toEqual(USER);
    expect(fetched).toEqual([]);
    expect(await verify(await tokenWith(second))).toEqual(USER);
    expect(fetched).toHaveLength(1);
    published = { keys: [] };
    await expect(verify(await tokenWith(await keyPair('k3')))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('answers a repeated token from the cache, and never an expired one', async () => {
    const key = await keyPair('k1');
    let calls = 0;
    const keySet = createCachedJwks({ url: 'x', initial: { keys: [key.jwk] } });
    const counting: typeof keySet = (header, token) => {
      calls += 1;
      return keySet(header, token);
    };
    const verify = createJwtVerifier({ keySet: counting, issuer: ISSUER, audience: 'client' });
    const token = await tokenWith(key);
    await verify(token);
    await verify(token);
    expect(calls).toBe(1);
    await expect(verify(await tokenWith(key, Math.floor(Date.now() / 1000) - 10))).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('answers a repeated session check from the cache too: every request is verified through it (session cut-off)', async () => {
    const key = await keyPair('k1');
    let calls = 0;
    const keySet = createCachedJwks({ url: 'x', initial: { keys: [key.jwk] } });
    const counting: typeof keySet = (header, token) => {
      calls += 1;
      return keySet(header, token);
    };
    const verifySession = createSessionVerifier({ keySet: counting, issuer: ISSUER, audience: 'client' });
    const token = await tokenWith(key);
    const first = await verifySession(token);
    expect(await verifySession(token)).toEqual(first);
    expect(first.user).toEqual(USER);
    expect(typeof first.signedInAt).toBe('number');
    expect(calls).toBe(1);
  });
});
