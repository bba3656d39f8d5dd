// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH for sessions, the pool's JWKS for tokens.
import {
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet } from 'jose';
import { Problem, problem } from '../errors';
import { createJwtVerifier, createSessionVerifier, type IdentityProvider } from './identity';

/** Cognito does not say how long to wait; a minute lets its throttle refill. */
const COGNITO_RETRY_SECONDS = 60;

export interface CognitoIdentityOptions {
  region: string;
  userPoolId: string;
  clientId: string;
  client?: CognitoIdentityProviderClient;
}

export function createCognitoIdentity({
  region,
  userPoolId,
  clientId,
  client = new CognitoIdentityProviderClient({ region }),
}: CognitoIdentityOptions): IdentityProvider {
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const verifierOptions = { keySet: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), issuer, audience: clientId };
  const verify = createJwtVerifier(verifierOptions);
  const verifySession = createSessionVerifier(verifierOptions);
  return {
    async signIn(username, password) {
      try {
        const result = await client.send(
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
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
    },
  };
}

/** Cognito's refusals as the catalogue's problems: never a 500 for something the user or a throttle caused. */
export function cognitoProblem(error: unknown): unknown {
  if (error instanceof Problem) return error;
  if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) return problem.badCredentials();
  // Cognito's own throttling and its per-user lockout after repeated failures.
  if (error instanceof TooManyRequestsException || error instanceof LimitExceededException) return problem.tooManyRequests(COGNITO_RETRY_SECONDS);
  if (error instanceof PasswordResetRequiredException) return new Problem('password_reset_required');
  if (error instanceof UserNotConfirmedException) return new Problem('user_not_confirmed');
  return error;
}
