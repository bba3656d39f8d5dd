// Cognito's refusals reach the client as the catalogue's 401s and 429s, never as a 500.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  TooManyRequestsException,
  UserNotConfirmedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCognitoIdentity } from '../../functions/lib/auth/cognito-identity';
import { Problem } from '../../functions/lib/errors';

const cognito = mockClient(CognitoIdentityProviderClient);
const identity = () =>
  createCognitoIdentity({ region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_test', clientId: 'client', client: new CognitoIdentityProviderClient({}) });

beforeEach(() => cognito.reset());

const meta = { $metadata: {}, message: 'refused' };
const CASES: [string, Error, string, number][] = [
  ['wrong password', new NotAuthorizedException(meta), 'bad_credentials', 401],
  ['throttled', new TooManyRequestsException(meta), 'too_many_requests', 429],
  ['limit exceeded', new LimitExceededException(meta), 'too_many_requests', 429],
  ['password reset required', new PasswordResetRequiredException(meta), 'password_reset_required', 401],
  ['user not confirmed', new UserNotConfirmedException(meta), 'user_not_confirmed', 401],
];

describe('Cognito sign-in errors', () => {
  it.each(CASES)('%s becomes %s', async (_name, error, code, status) => {
    cognito.on(InitiateAuthCommand).rejects(error);
    const refusal = await identity()
      .signIn('admin', 'password')
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Problem);
    expect(refusal).toMatchObject({ code, status });
    if (status === 429) expect((refusal as Problem).headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('keeps any other error as it is (a real fault)', async () => {
    cognito.on(InitiateAuthCommand).rejects(new Error('network down'));
    await expect(identity().signIn('admin', 'password')).rejects.toThrow('network down');
  });
});
