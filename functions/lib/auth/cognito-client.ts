// The Cognito SDK client of the identity provider, made when first needed (sign-in is not on the cold-start path),
// with the app client's secret when it has one, and the mapping of Cognito's refusals to the catalogue's problems.
import { createHmac } from 'node:crypto';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Problem, problem } from '../errors';

/** Cognito does not say how long to wait; a minute lets its throttle refill. */
const COGNITO_RETRY_SECONDS = 60;

export type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');
export interface CognitoConnection {
  module: CognitoSdk;
  cognito: CognitoIdentityProviderClient;
  /** The app client's secret, when it has one. */
  secret?: string;
}

export interface CognitoConnectOptions {
  region: string;
  userPoolId: string;
  clientId: string;
  client?: CognitoIdentityProviderClient;
  /** The secret, or true to read it once from Cognito (DescribeUserPoolClient). */
  clientSecret?: string | true;
}

/** Resolves the SDK, the client and the secret once, and again after a failed read of the secret. */
export function cognitoConnector({ region, userPoolId, clientId, client, clientSecret }: CognitoConnectOptions): () => Promise<CognitoConnection> {
  let sdk: Promise<CognitoSdk> | undefined;
  let cognito = client;
  let secret: Promise<string | undefined> | undefined;
  return async () => {
    sdk ??= import('@aws-sdk/client-cognito-identity-provider');
    const module = await sdk;
    cognito ??= new module.CognitoIdentityProviderClient({ region });
    const connected = cognito;
    secret ??=
      clientSecret === true
        ? connected
            .send(new module.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
            .then(({ UserPoolClient }) => UserPoolClient?.ClientSecret)
            .catch((error: unknown) => {
              secret = undefined;
              throw error;
            })
        : Promise.resolve(clientSecret);
    return { module, cognito: connected, secret: await secret };
  };
}

/** SECRET_HASH: base64 HMAC-SHA256 of username + client id under the client secret. */
export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');
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
