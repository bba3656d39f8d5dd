// The AWS sign-in path against a mocked Cognito: the SOFTWARE_TOKEN_MFA challenge answered in a second call, the
// viewer's address and device data passed for threat protection, refresh with REFRESH_TOKEN_AUTH, and an admin's
// user changes ending the user's sessions (AdminUserGlobalSignOut).
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandTimes, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/lib/app/create-app';
import { createCognitoIdentity, joinRefreshCredential, secretHash } from '../../functions/lib/auth/cognito-identity';
import { createMemoryRepository } from '../support/memory-repo';

expect.extend({ toReceiveCommandWith, toReceiveCommandTimes });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const REGION = 'ap-southeast-1';
const POOL = 'ap-southeast-1_test';
const CLIENT = 'client-id';
const SECRET = 'client-secret';
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL}`;
const ORIGIN_VERIFY = 'o'.repeat(48);
const meta = { $metadata: {}, message: 'refused' };

const cognito = mockClient(CognitoIdentityProviderClient);
const keys = await generateKeyPair('ES256');
const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' };

async function idToken(username: string, authTime = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ 'cognito:username': username, 'cognito:groups': ['admin'], 'custom:areas': '', token_use: 'id', auth_time: authTime })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(CLIENT)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(keys.privateKey);
}

function identity() {
  return createCognitoIdentity({
    region: REGION,
    userPoolId: POOL,
    clientId: CLIENT,
    jwks: { keys: [jwk] },
    client: new CognitoIdentityProviderClient({}),
    clientSecret: true,
  });
}

function app() {
  return createApp(
    {
      repo: createMemoryRepository(),
      identity: identity(),
      clock: () => new Date(),
      aggregateSlots: 4,
      publicUrl: 'http://localhost',
      originVerify: ORIGIN_VERIFY,
    },
    { log: () => {} },
  );
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app().request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-phieu-origin-verify': ORIGIN_VERIFY, 'x-viewer-address': '203.0.113.7', ...headers },
    body: JSON.stringify(body),
  });

beforeEach(() => {
  cognito.reset();
  cognito.on(DescribeUserPoolClientCommand).resolves({ UserPoolClient: { ClientSecret: SECRET } });
});

describe('Cognito sign-in with an authenticator app', () => {
  it('answers the password step with 401 mfa_required and the challenge session, passing the viewer address', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'opaque-session' });
    const res = await post({ username: 'admin', password: 'Correct-horse-1!', encodedData: 'device-data' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'mfa_required', session: 'opaque-session' } });
    expect(cognito).toReceiveCommandWith(InitiateAuthCommand, {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: 'admin', PASSWORD: 'Correct-horse-1!', SECRET_HASH: secretHash(SECRET, 'admin', CLIENT) },
      UserContextData: { IpAddress: '203.0.113.7', EncodedData: 'device-data' },
    });
  });

  it('completes the sign-in with the code: the token in the body, the refresh credential in the cookie', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: { IdToken: await idToken('admin'), RefreshToken: 'cognito-refresh' } });
    const res = await post({ username: 'admin', session: 'opaque-session', code: '123456' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toEqual({ username: 'admin', role: 'admin', areas: [] });
    expect(body).not.toHaveProperty('refreshToken');
    expect(res.headers.get('set-cookie')).toContain(`phieu_refresh=${joinRefreshCredential('admin', 'cognito-refresh')}`);
    expect(cognito).toReceiveCommandWith(RespondToAuthChallengeCommand, {
      ClientId: CLIENT,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'opaque-session',
      ChallengeResponses: { USERNAME: 'admin', SOFTWARE_TOKEN_MFA_CODE: '123456', SECRET_HASH: secretHash(SECRET, 'admin', CLIENT) },
      UserContextData: { IpAddress: '203.0.113.7' },
    });
  });

  it('refuses a wrong code with 401 mfa_code_invalid', async () => {
    cognito.on(RespondToAuthChallengeCommand).rejects(new CodeMismatchException(meta));
    const res = await post({ username: 'admin', session: 'opaque-session', code: '000000' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'mfa_code_invalid' } });
  });

  it("answers Cognito's throttling with 429 and Retry-After", async () => {
    cognito.on(RespondToAuthChallengeCommand).rejects(new TooManyRequestsException(meta));
    const res = await post({ username: 'admin', session: 'opaque-session', code: '123456' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('refuses a code that is not 6 digits with 400 before calling Cognito', async () => {
    const res = await post({ username: 'admin', session: 'opaque-session', code: '12345a' });
    expect(res.status).toBe(400);
    expect(cognito).toReceiveCommandTimes(RespondToAuthChallengeCommand, 0);
  });

  it('reads the client secret from Cognito once', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' });
    const provider = identity();
    await provider.signIn('admin', 'p').catch(() => undefined);
    await provider.signIn('admin', 'p').catch(() => undefined);
    expect(cognito).toReceiveCommandTimes(DescribeUserPoolClientCommand, 1);
  });
});

describe('Cognito refresh', () => {
  it('renews the ID token with REFRESH_TOKEN_AUTH', async () => {
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: { IdToken: await idToken('admin') } });
    const res = await app().request('/api/session/refresh', {
      method: 'POST',
      headers: {
        cookie: `phieu_refresh=${joinRefreshCredential('admin', 'cognito-refresh')}`,
        'x-phieu-origin-verify': ORIGIN_VERIFY,
        'x-viewer-address': '203.0.113.7',
      },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user.username).toBe('admin');
    expect(cognito).toReceiveCommandWith(InitiateAuthCommand, {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT,
      AuthParameters: { REFRESH_TOKEN: 'cognito-refresh', SECRET_HASH: secretHash(SECRET, 'admin', CLIENT) },
      UserContextData: { IpAddress: '203.0.113.7' },
    });
  });

  it('refuses a revoked refresh token with 401 session_ended', async () => {
    cognito.on(InitiateAuthCommand).rejects(new NotAuthorizedException(meta));
    const res = await app().request('/api/session/refresh', {
      method: 'POST',
      headers: { cookie: `phieu_refresh=${joinRefreshCredential('admin', 'revoked')}`, 'x-phieu-origin-verify': ORIGIN_VERIFY },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'session_ended' } });
  });
});

describe('Cognito sign-out on this device', () => {
  it('revokes the refresh token and drops the cookie', async () => {
    cognito.on(RevokeTokenCommand).resolves({});
    const res = await app().request('/api/session', {
      method: 'DELETE',
      headers: { cookie: `phieu_refresh=${joinRefreshCredential('admin', 'cognito-refresh')}`, 'x-phieu-origin-verify': ORIGIN_VERIFY },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^phieu_refresh=;/);
    expect(cognito).toReceiveCommandWith(RevokeTokenCommand, { ClientId: CLIENT, Token: 'cognito-refresh', ClientSecret: SECRET });
  });
});

describe('Cognito user changes', () => {
  it('changes areas and role, then signs the user out everywhere', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'official' }, { GroupName: 'other' }] });
    const provider = identity();
    const admin = await idToken('boss');
    const res = await createApp(
      { repo: createMemoryRepository(), identity: provider, clock: () => new Date(), aggregateSlots: 4, publicUrl: 'http://localhost' },
      { log: () => {} },
    ).request('/api/users/lan', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'collector', areas: ['14815', '14809'] }),
    });
    expect(res.status).toBe(204);
    expect(cognito).toReceiveCommandWith(AdminUpdateUserAttributesCommand, {
      UserPoolId: POOL,
      Username: 'lan',
      UserAttributes: [{ Name: 'custom:areas', Value: '14815,14809' }],
    });
    expect(cognito).toReceiveCommandWith(AdminAddUserToGroupCommand, { UserPoolId: POOL, Username: 'lan', GroupName: 'collector' });
    expect(cognito).toReceiveCommandWith(AdminRemoveUserFromGroupCommand, { UserPoolId: POOL, Username: 'lan', GroupName: 'official' });
    expect(cognito).toReceiveCommandTimes(AdminRemoveUserFromGroupCommand, 1);
    expect(cognito).toReceiveCommandWith(AdminUserGlobalSignOutCommand, { UserPoolId: POOL, Username: 'lan' });
  });

  it('signs a removed user out, then deletes the account; an unknown user is 404', async () => {
    const provider = identity();
    const admin = await idToken('boss');
    const remove = () =>
      createApp(
        { repo: createMemoryRepository(), identity: provider, clock: () => new Date(), aggregateSlots: 4, publicUrl: 'http://localhost' },
        { log: () => {} },
      ).request('/api/users/lan', {
        method: 'DELETE',
        headers: { authorization: `Bearer ${admin}` },
      });
    expect((await remove()).status).toBe(204);
    expect(cognito).toReceiveCommandWith(AdminUserGlobalSignOutCommand, { UserPoolId: POOL, Username: 'lan' });
    expect(cognito).toReceiveCommandWith(AdminDeleteUserCommand, { UserPoolId: POOL, Username: 'lan' });
    cognito.on(AdminUserGlobalSignOutCommand).rejects(new UserNotFoundException(meta));
    cognito.on(AdminDeleteUserCommand).rejects(new UserNotFoundException(meta));
    expect((await remove()).status).toBe(404);
  });
});
