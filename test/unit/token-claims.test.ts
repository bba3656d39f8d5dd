// Tokens are checked beyond their signature and expiry: a maximum age from `iat`, a maximum sign-in age from
// `auth_time`, and claims of the wrong type are a 401 (a Problem), never a crash into a 500.
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, MAX_SESSION_AGE_SECONDS, MAX_TOKEN_AGE_SECONDS } from '../../functions/lib/auth/identity';
import { Problem } from '../../functions/lib/errors';

let sign: (claims: JWTPayload, options?: { iat?: number; exp?: string | number }) => Promise<string>;
let verify: ReturnType<typeof createJwtVerifier>;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' };
  verify = createJwtVerifier({ keySet: createLocalJWKSet({ keys: [jwk] }), issuer: 'iss', audience: 'aud' });
  sign = (claims, { iat = now(), exp = '100y' } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer('iss')
      .setAudience('aud')
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(privateKey);
});

const good = { 'cognito:username': 'admin', 'cognito:groups': ['admin'], 'custom:areas': '38', token_use: 'id' };
const refused = async (token: Promise<string>) => {
  const error = await verify(await token).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  expect(error).toMatchObject({ status: 401 });
};

describe('token checks', () => {
  it('accepts a well-formed fresh token', async () => {
    expect(await verify(await sign(good))).toEqual({ username: 'admin', role: 'admin', areas: ['38'] });
  });

  it('refuses a token older than the maximum age even though its exp is far away', async () => {
    await refused(sign(good, { iat: now() - MAX_TOKEN_AGE_SECONDS - 60 }));
  });

  it('refuses a fresh token of a sign-in older than the maximum session age (auth_time)', async () => {
    await refused(sign({ ...good, auth_time: now() - MAX_SESSION_AGE_SECONDS - 60 }));
  });

  it.each([
    ['a string', 'admin'],
    ['a number', 7],
    ['an object', { admin: true }],
  ])('refuses cognito:groups given as %s with a 401', async (_name, groups) => {
    await refused(sign({ ...good, 'cognito:groups': groups }));
  });

  it('refuses custom:areas that is not a string, and a username that is not one', async () => {
    await refused(sign({ ...good, 'custom:areas': ['38'] }));
    await refused(sign({ ...good, 'cognito:username': 42 }));
  });
});
