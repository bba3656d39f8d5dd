// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH for sessions, the pool's JWKS for tokens.
// The Cognito client serves only sign-in and sign-out: it is imported when first needed, not at cold start.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { JSONWebKeySet } from 'jose';
import { Problem, problem } from '../errors';
import { createCachedJwks } from './cached-jwks';
import { createJwtVerifier, createSessionVerifier, type IdentityProvider } from './identity';

/** Cognito does not say how long to wait; a minute lets its throttle refill. */
const COGNITO_RETRY_SECONDS = 60;

export interface CognitoIdentityOptions {
  region: string;
  userPoolId: string;
  clientId: string;
  /** The pool's keys shipped with the function (COGNITO_JWKS); absent: fetched on the first request. */
  jwks?: JSONWebKeySet;
  client?: CognitoIdentityProviderClient;
}

export function createCognitoIdentity({ region, userPoolId, clientId, jwks, client }: CognitoIdentityOptions): IdentityProvider {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const verifierOptions = { keySet: createCachedJwks({ url: `${issuer}/.well-known/jwks.json`, initial: jwks }), issuer, audience: clientId };
  const verify = createJwtVerifier(verifierOptions);
  const verifySession = createSessionVerifier(verifierOptions);
  let sdk: Promise<typeof import('@aws-sdk/client-cognito-identity-provider')> | undefined;
  let cognito = client;
  const connect = async () => {
    sdk ??= import('@aws-sdk/client-cognito-identity-provider');
    const module = await sdk;
    cognito ??= new module.CognitoIdentityProviderClient({ region });
    return { module, cognito };
  };
  return {
    async signIn(username, password) {
      const {
        module: { InitiateAuthCommand },
        cognito,
      } = await connect();
      try {
        const result = await cognito.send(
          new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
        );
        const token = result.AuthenticationResult?.IdToken;
        // A challenge (e.g. a new password is required) cannot be completed through this API.
        if (!token) throw problem.badCredentials();
        return { token, user: await verify(token) };
      } catch (error) {
        throw cognitoProblem(error);
      }
    },
    verify,
    verifySession,
    async endSessions(username) {
      const {
        module: { AdminUserGlobalSignOutCommand },
        cognito,
      } = await connect();
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
    },
  };
}

/**
 * Cognito's refusals as the catalogue's problems: never a 500 for something the user or a throttle caused. Matched
 * by the SDK's exception names, so this module does not load the SDK to classify an error.
 */
export function cognitoProblem(error: unknown): unknown {
  if (error instanceof Problem) return error;
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'NotAuthorizedException' || name === 'UserNotFoundException') return problem.badCredentials();
  // Cognito's own throttling and its per-user lockout after repeated failures.
  if (name === 'TooManyRequestsException' || name === 'LimitExceededException') return problem.tooManyRequests(COGNITO_RETRY_SECONDS);
  if (name === 'PasswordResetRequiredException') return new Problem('password_reset_required');
  if (name === 'UserNotConfirmedException') return new Problem('user_not_confirmed');
  return error;
}
