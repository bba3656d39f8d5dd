// Cognito as the identity provider in AWS: USER_PASSWORD_AUTH for sessions, the pool's JWKS for tokens.
import { CognitoIdentityProviderClient, InitiateAuthCommand, NotAuthorizedException, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet } from 'jose';
import { problem } from '../errors';
import { createJwtVerifier, type IdentityProvider } from './identity';

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
  const verify = createJwtVerifier({ keySet: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), issuer, audience: clientId });
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
        if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) throw problem.badCredentials();
        throw error;
      }
    },
    verify,
  };
}
