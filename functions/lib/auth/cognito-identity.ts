// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH (with the SOFTWARE_TOKEN_MFA challenge) for sessions,
// REFRESH_TOKEN_AUTH to renew them, the pool's JWKS for tokens; an admin's user changes are in cognito-users.ts.
import type { CognitoIdentityProviderClient, UserContextDataType } from '@aws-sdk/client-cognito-identity-provider';
import type { JSONWebKeySet } from 'jose';
import { Problem, problem } from '../errors';
import { createCachedJwks } from './cached-jwks';
import { cognitoConnector, cognitoProblem, secretHash } from './cognito-client';
import { cognitoUserAdmin } from './cognito-users';
import { createSessionVerifier, type IdentityProvider, type SignInContext, type SignInResult, userOf } from './identity';

export interface CognitoIdentityOptions {
  region: string;
  userPoolId: string;
  clientId: string;
  /** The pool's keys shipped with the function (COGNITO_JWKS); absent: fetched on the first request. */
  jwks?: JSONWebKeySet;
  client?: CognitoIdentityProviderClient;
  /**
   * The app client's secret, or true to read it once from Cognito (DescribeUserPoolClient) when first needed, so it
   * never sits in configuration. Cognito takes the viewer's address for threat protection only from a client with a
   * secret; every call then carries SECRET_HASH.
   */
  clientSecret?: string | true;
}

function userContextData({ address, encodedData }: SignInContext = {}): UserContextDataType | undefined {
  const data = { ...(address && address !== 'unknown' ? { IpAddress: address } : {}), ...(encodedData ? { EncodedData: encodedData } : {}) };
  return Object.keys(data).length ? data : undefined;
}

export function createCognitoIdentity({ region, userPoolId, clientId, jwks, client, clientSecret }: CognitoIdentityOptions): IdentityProvider {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const verifierOptions = { keySet: createCachedJwks({ url: `${issuer}/.well-known/jwks.json`, initial: jwks }), issuer, audience: clientId };
  // One verifier and one cache: the session cut-off (session-cutoff.ts) verifies every request through verifySession.
  const verifySession = createSessionVerifier(verifierOptions);
  const verify = userOf(verifySession);
  const connect = cognitoConnector({ region, userPoolId, clientId, client, clientSecret });
  const withHash = (params: Record<string, string>, username: string, key: string | undefined) =>
    key ? { ...params, SECRET_HASH: secretHash(key, username, clientId) } : params;

  /** The session Cognito answered, or the MFA challenge as the Problem the client answers. */
  const sessionOf = async (result: { AuthenticationResult?: { IdToken?: string; RefreshToken?: string }; ChallengeName?: string; Session?: string }) => {
    if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA' && result.Session) throw new Problem('mfa_required', { details: { session: result.Session } });
    if (result.ChallengeName === 'NEW_PASSWORD_REQUIRED') throw new Problem('password_reset_required');
    const token = result.AuthenticationResult?.IdToken;
    // Any other challenge (SMS, device) cannot be completed through this API.
    if (!token) throw problem.badCredentials();
    const refreshToken = result.AuthenticationResult?.RefreshToken;
    const user = await verify(token);
    return { token, user, ...(refreshToken ? { refreshToken: joinRefreshCredential(user.username, refreshToken) } : {}) } satisfies SignInResult;
  };

  return {
    async signIn(username, password, context) {
      const { module, cognito, secret } = await connect();
      try {
        const result = await cognito.send(
          new module.InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: clientId,
            AuthParameters: withHash({ USERNAME: username, PASSWORD: password }, username, secret),
            UserContextData: userContextData(context),
          }),
        );
        return await sessionOf(result);
      } catch (error) {
        throw cognitoProblem(error);
      }
    },
    async answerMfa(username, session, code, context) {
      const { module, cognito, secret } = await connect();
      try {
        const result = await cognito.send(
          new module.RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            Session: session,
            ChallengeResponses: withHash({ USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code }, username, secret),
            UserContextData: userContextData(context),
          }),
        );
        return await sessionOf(result);
      } catch (error) {
        throw cognitoProblem(error);
      }
    },
    async refresh(refreshToken, context) {
      const { module, cognito, secret } = await connect();
      // With a client secret Cognito wants SECRET_HASH here too, over the user's name: it travels with the cookie.
      const [username, token] = splitRefreshCredential(refreshToken);
      try {
        const result = await cognito.send(
          new module.InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: clientId,
            AuthParameters: withHash({ REFRESH_TOKEN: token }, username, secret),
            UserContextData: userContextData(context),
          }),
        );
        return await sessionOf(result);
      } catch (error) {
        // A revoked (global sign-out, sign-out here) or expired refresh token.
        if (error instanceof Error && error.name === 'NotAuthorizedException') throw new Problem('session_ended');
        throw cognitoProblem(error);
      }
    },
    async revoke(refreshToken) {
      const { module, cognito, secret } = await connect();
      await cognito.send(new module.RevokeTokenCommand({ ClientId: clientId, Token: splitRefreshCredential(refreshToken)[1], ClientSecret: secret }));
    },
    verify,
    verifySession,
    ...cognitoUserAdmin(connect, userPoolId),
  };
}

/**
 * The refresh cookie holds `<username>.<refresh token>` (the username base64url-encoded): Cognito's SECRET_HASH for
 * a refresh is computed over the username, which the expired ID token no longer proves.
 */
export function joinRefreshCredential(username: string, token: string): string {
  return `${Buffer.from(username).toString('base64url')}.${token}`;
}

function splitRefreshCredential(value: string): [string, string] {
  const dot = value.indexOf('.');
  if (dot < 1) throw new Problem('session_ended');
  return [Buffer.from(value.slice(0, dot), 'base64url').toString(), value.slice(dot + 1)];
}

export { cognitoProblem, secretHash };
