// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH (with the SOFTWARE_TOKEN_MFA challenge) for sessions,
// REFRESH_TOKEN_AUTH to renew them, the pool's JWKS for tokens, and the admin calls that change or end a user.
// The Cognito client serves only these calls: it is imported when first needed, not at cold start.
import { createHmac } from 'node:crypto';
import type { CognitoIdentityProviderClient, UserContextDataType } from '@aws-sdk/client-cognito-identity-provider';
import type { JSONWebKeySet } from 'jose';
import { Problem, problem } from '../errors';
import { createCachedJwks } from './cached-jwks';
import { createJwtVerifier, createSessionVerifier, type IdentityProvider, type SignInContext, type SignInResult } from './identity';

/** Cognito does not say how long to wait; a minute lets its throttle refill. */
const COGNITO_RETRY_SECONDS = 60;
const ROLE_GROUPS = ['admin', 'official', 'collector'];

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

/** SECRET_HASH: base64 HMAC-SHA256 of username + client id under the client secret. */
export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');
}

function userContextData({ address, encodedData }: SignInContext = {}): UserContextDataType | undefined {
  const data = { ...(address && address !== 'unknown' ? { IpAddress: address } : {}), ...(encodedData ? { EncodedData: encodedData } : {}) };
  return Object.keys(data).length ? data : undefined;
}

export function createCognitoIdentity({ region, userPoolId, clientId, jwks, client, clientSecret }: CognitoIdentityOptions): IdentityProvider {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const verifierOptions = { keySet: createCachedJwks({ url: `${issuer}/.well-known/jwks.json`, initial: jwks }), issuer, audience: clientId };
  const verify = createJwtVerifier(verifierOptions);
  const verifySession = createSessionVerifier(verifierOptions);
  let sdk: Promise<typeof import('@aws-sdk/client-cognito-identity-provider')> | undefined;
  let cognito = client;
  let secret: Promise<string | undefined> | undefined;
  const connect = async () => {
    sdk ??= import('@aws-sdk/client-cognito-identity-provider');
    const module = await sdk;
    cognito ??= new module.CognitoIdentityProviderClient({ region });
    const client = cognito;
    secret ??=
      clientSecret === true
        ? client
            .send(new module.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
            .then(({ UserPoolClient }) => UserPoolClient?.ClientSecret)
            .catch((error: unknown) => {
              secret = undefined;
              throw error;
            })
        : Promise.resolve(clientSecret);
    return { module, cognito: client, secret: await secret };
  };
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
    async endSessions(username) {
      const { module, cognito } = await connect();
      try {
        await cognito.send(new module.AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        // Already gone: nothing left to sign out (the cut-off still refuses its tokens).
        if (!(error instanceof Error && error.name === 'UserNotFoundException')) throw error;
      }
    },
    async updateUser(username, { role, areas }) {
      const { module, cognito } = await connect();
      try {
        if (areas) {
          await cognito.send(
            new module.AdminUpdateUserAttributesCommand({
              UserPoolId: userPoolId,
              Username: username,
              UserAttributes: [{ Name: 'custom:areas', Value: areas.join(',') }],
            }),
          );
        }
        if (role) {
          const { Groups = [] } = await cognito.send(new module.AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
          await cognito.send(new module.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }));
          for (const group of Groups) {
            if (group.GroupName && group.GroupName !== role && ROLE_GROUPS.includes(group.GroupName)) {
              await cognito.send(new module.AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group.GroupName }));
            }
          }
        }
      } catch (error) {
        throw adminProblem(error);
      }
    },
    async removeUser(username) {
      const { module, cognito } = await connect();
      try {
        await cognito.send(new module.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        throw adminProblem(error);
      }
    },
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

function adminProblem(error: unknown): unknown {
  if (error instanceof Error && error.name === 'UserNotFoundException') return problem.notFound();
  return cognitoProblem(error);
}

/**
 * Cognito's refusals as the catalogue's problems: never a 500 for something the user or a throttle caused. Matched
 * by the SDK's exception names, so this module does not load the SDK to classify an error.
 */
export function cognitoProblem(error: unknown): unknown {
  if (error instanceof Problem) return error;
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'NotAuthorizedException' || name === 'UserNotFoundException') return problem.badCredentials();
  // A wrong 6-digit code, or one used twice (Cognito refuses a TOTP code it has seen).
  if (name === 'CodeMismatchException' || name === 'ExpiredCodeException') return new Problem('mfa_code_invalid');
  // Cognito's own throttling and its per-user lockout after repeated failures.
  if (name === 'TooManyRequestsException' || name === 'LimitExceededException') return problem.tooManyRequests(COGNITO_RETRY_SECONDS);
  if (name === 'PasswordResetRequiredException') return new Problem('password_reset_required');
  if (name === 'UserNotConfirmedException') return new Problem('user_not_confirmed');
  return error;
}
