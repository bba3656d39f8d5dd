// The embedded identity stand-in for running without AWS: users from the Reference table, ID tokens
// shaped like Cognito's, signed with a key made at start-up and checked through its JWKS.
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { problem } from '../errors';
import type { ReferenceRepo } from '../repo/types';
import { createJwtVerifier, type IdentityProvider } from './identity';
import { verifyPassword } from './passwords';

export const LOCAL_AUDIENCE = 'phieu-local';
const TOKEN_LIFETIME = '12h';
// Verifying against an unknown user still costs a hash, so timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function createLocalIdentity(reference: ReferenceRepo, issuer: string): Promise<IdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'ES256', use: 'sig' };
  const verify = createJwtVerifier({ keySet: createLocalJWKSet({ keys: [jwk] }), issuer, audience: LOCAL_AUDIENCE });

  return {
    async signIn(username, password) {
      const record = await reference.getLocalUser(username);
      const valid = await verifyPassword(password, record?.passwordHash ?? DUMMY_HASH);
      if (!record || !valid) throw problem.badCredentials();
      const token = await new SignJWT({
        'cognito:username': record.username,
        'cognito:groups': [record.role],
        'custom:areas': record.areas.join(','),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
        .setSubject(record.username)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(privateKey);
      return { token, user: await verify(token) };
    },
    verify,
  };
}
