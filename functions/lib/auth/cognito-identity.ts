// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH for sessions, the pool's JWKS for tokens.
// The Cognito client serves only sign-in: it is imported when the first sign-in comes, not at cold start.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { JSONWebKeySet } from 'jose';
import { problem } from '../errors';
import { createCachedJwks } from './cached-jwks';
import { createJwtVerifier, type IdentityProvider } from './identity';

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
  const verify = createJwtVerifier({ keySet: createCachedJwks({ url: `${issuer}/.well-known/jwks.json`, initial: jwks }), issuer, audience: clientId });
  let sdk: Promise<typeof import('@aws-sdk/client-cognito-identity-provider')> | undefined;
  let cognito = client;
  return {
    async signIn(username, password) {
      sdk ??= import('@aws-sdk/client-cognito-identity-provider');
      const { InitiateAuthCommand, NotAuthorizedException, UserNotFoundException, CognitoIdentityProviderClient } = await sdk;
      cognito ??= new CognitoIdentityProviderClient({ region });
      try {
        const result = await cognito.send(
          new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
        );
        const token = result.AuthenticationResult?.IdToken;
        // A challenge (e.g. a new password is required) cannot be completed through this API.
        if (!token) throw problem.badCredentials();
        return { token, user: await verify(token) };
      } catch (error) {
        if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) throw problem.badCredentials();
        throw error;
      }
    },
    verify,
  };
}
