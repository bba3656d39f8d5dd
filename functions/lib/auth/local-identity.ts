// The embedded identity stand-in for running without AWS: users from the Reference table, ID tokens
// shaped like Cognito's, signed with a local key and checked through its JWKS. Refresh credentials are our own
// signed tokens of another audience; they carry the sign-in time, so a refresh never stretches a session past its
// 12 hours, and the user's current role and areas are read again at every refresh.
import { areasClaim } from '@shared/areas/area-claim';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { Problem, problem } from '../errors';
import type { ReferenceRepo } from '../repo/types';
import { createSessionVerifier, ID_TOKEN_SECONDS, type IdentityProvider, MAX_SESSION_AGE_SECONDS, userOf } from './identity';
import { verifyPassword } from './passwords';

export const LOCAL_AUDIENCE = 'phieu-local';
const REFRESH_AUDIENCE = 'phieu-local-refresh';
// Verifying against an unknown user still costs a hash, so timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A new private signing key (ES256, as a JWK with its kid): made at start, or once per `--persist` folder. */
export async function generateLocalTokenKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' };
}

export interface LocalIdentityOptions {
  /** The private signing key; absent: a new one for this process (tokens die with it). */
  key?: JWK;
}

export async function createLocalIdentity(reference: ReferenceRepo, issuer: string, { key }: LocalIdentityOptions = {}): Promise<IdentityProvider> {
  const privateJwk = key ?? (await generateLocalTokenKey());
  const kid = privateJwk.kid ?? 'local-1';
  const privateKey = await importJWK(privateJwk, 'ES256');
  const { d: _private, ...publicJwk } = privateJwk;
  const publicKey = await importJWK({ ...publicJwk, kid }, 'ES256');
  const verifierOptions = { keySet: async () => publicKey, issuer, audience: LOCAL_AUDIENCE };
  // One verifier and one cache: the session cut-off (session-cutoff.ts) verifies every request through verifySession.
  const verifySession = createSessionVerifier(verifierOptions);
  const verify = userOf(verifySession);

  const idToken = (user: { username: string; role: string; areas: string[]; areaSetId?: string }, authTime: number) =>
    new SignJWT({
      'cognito:username': user.username,
      'cognito:groups': [user.role],
      'custom:areas': areasClaim(user),
      token_use: 'id',
      auth_time: authTime,
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(user.username)
      .setIssuer(issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ID_TOKEN_SECONDS}s`)
      .sign(privateKey);
  const refreshToken = (username: string, authTime: number) =>
    new SignJWT({ token_use: 'refresh', auth_time: authTime })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(username)
      .setIssuer(issuer)
      .setAudience(REFRESH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(authTime + MAX_SESSION_AGE_SECONDS)
      .sign(privateKey);

  return {
    async signIn(username, password) {
      const record = await reference.getLocalUser(username);
      const valid = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
      if (!record || !valid) throw problem.badCredentials();
      const authTime = Math.floor(Date.now() / 1000);
      const token = await idToken(record, authTime);
      return { token, user: await verify(token), refreshToken: await refreshToken(record.username, authTime) };
    },
    async refresh(given) {
      let username: string;
      let authTime: number;
      try {
        const { payload } = await jwtVerify(given, async () => publicKey, { issuer, audience: REFRESH_AUDIENCE });
        if (payload.token_use !== 'refresh' || typeof payload.sub !== 'string' || typeof payload.auth_time !== 'number') throw new Error('claims');
        ({ sub: username, auth_time: authTime } = payload as { sub: string; auth_time: number });
      } catch {
        throw problem.unauthorized();
      }
      // The user's role and areas as they are now; a removed user's session is over.
      const record = await reference.getLocalUser(username);
      if (!record) throw new Problem('session_ended');
      const token = await idToken(record, authTime);
      return { token, user: await verify(token) };
    },
    verify,
    verifySession,
    async updateUser(username, change) {
      const record = await reference.getLocalUser(username);
      if (!record) throw problem.notFound();
      const { areaSetId: _set, ...rest } = record;
      const areas = change.areas ? { areas: change.areas, ...(change.areaSetId ? { areaSetId: change.areaSetId } : {}) } : {};
      await reference.putLocalUser({ ...(change.areas ? rest : record), ...(change.role ? { role: change.role } : {}), ...areas });
    },
    async removeUser(username) {
      if (!(await reference.getLocalUser(username))) throw problem.notFound();
      await reference.deleteLocalUser(username);
    },
  };
}
