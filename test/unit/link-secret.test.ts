// Where the link-signing key comes from in AWS: the Secrets Manager secret, read once per container.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiDepsFromEnv } from '../../functions/lib/app/api-deps';
import { generatedLinkKey, secretsManagerLinkKey } from '../../functions/lib/services/links/link-secret';

expect.extend({ toReceiveCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkSigningSecret-abc';
const secrets = mockClient(SecretsManagerClient);

beforeEach(() => secrets.reset());

describe('link key', () => {
  it('reads the secret once and keeps it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(64) });
    const key = secretsManagerLinkKey(ARN, 'ap-southeast-1');
    expect(Buffer.from(await key()).toString()).toBe('k'.repeat(64));
    await key();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secrets).toReceiveCommandWith(GetSecretValueCommand, { SecretId: ARN });
  });

  it('tries again after a failed read, and refuses a short secret', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolvesOnce({ SecretString: 'short' })
      .resolves({ SecretString: 'x'.repeat(64) });
    const key = secretsManagerLinkKey(ARN, 'ap-southeast-1');
    await expect(key()).rejects.toThrow('throttled');
    await expect(key()).rejects.toThrow('shorter than 32');
    expect(Buffer.from(await key()).toString()).toBe('x'.repeat(64));
  });

  it('makes a different 256-bit key per local process', async () => {
    const a = await generatedLinkKey()();
    expect(a).toHaveLength(32);
    expect(Buffer.from(await generatedLinkKey()()).equals(Buffer.from(a))).toBe(false);
  });

  it('is required of the API Lambda: a missing LINK_SECRET_ARN stops it at start, by name', () => {
    const env = {
      RESPONSES_TABLE: 'r',
      AGGREGATES_TABLE: 'a',
      REFERENCE_TABLE: 'f',
      COGNITO_USER_POOL_ID: 'p',
      COGNITO_CLIENT_ID: 'c',
      AWS_REGION: 'ap-southeast-1',
      ORIGIN_VERIFY: 'v'.repeat(32),
      PUBLIC_URL: 'https://phieu.example.vn',
    };
    expect(() => apiDepsFromEnv(env)).toThrow('Missing configuration: LINK_SECRET_ARN');
    expect(apiDepsFromEnv({ ...env, LINK_SECRET_ARN: ARN }).linkKey).toBeTypeOf('function');
  });

  it("requires the origin-verify value of the API Lambda (CloudFront's header), by name", () => {
    const env = {
      RESPONSES_TABLE: 'r',
      AGGREGATES_TABLE: 'a',
      REFERENCE_TABLE: 'f',
      COGNITO_USER_POOL_ID: 'p',
      COGNITO_CLIENT_ID: 'c',
      AWS_REGION: 'ap-southeast-1',
      LINK_SECRET_ARN: ARN,
      PUBLIC_URL: 'https://phieu.example.vn',
    };
    expect(() => apiDepsFromEnv(env)).toThrow('Missing configuration: ORIGIN_VERIFY');
    expect(() => apiDepsFromEnv({ ...env, ORIGIN_VERIFY: 'short' })).toThrow('Invalid configuration: ORIGIN_VERIFY');
    expect(apiDepsFromEnv({ ...env, ORIGIN_VERIFY: 'v'.repeat(32) }).originVerify).toBe('v'.repeat(32));
  });
});
