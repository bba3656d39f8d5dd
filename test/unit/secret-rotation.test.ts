// Rotation of the random secrets (link key, origin-verify value): Secrets Manager's four steps, and the order in
// which a new origin-verify value reaches the API function and CloudFront.
import { describe, expect, it } from 'vitest';
import { type OriginVerifyTargets, originVerifyPropagation } from '../../functions/lib/rotation/origin-verify-propagation';
import { type RotationSecrets, randomSecretRotation, randomSecretValue } from '../../functions/lib/rotation/random-secret-rotation';

function fakeSecrets(initial: string) {
  const values = new Map<string, string>([['v0', initial]]);
  const stages: Record<string, string[]> = { v0: ['AWSCURRENT'] };
  const secrets: RotationSecrets = {
    async getValue(_id, { versionId, stage }) {
      const version = versionId ?? Object.keys(stages).find((v) => stages[v].includes(stage));
      return version && stages[version]?.includes(stage) ? values.get(version) : undefined;
    },
    async putPending(_id, token, value) {
      values.set(token, value);
      stages[token] = ['AWSPENDING'];
    },
    async stagesOf() {
      return stages;
    },
    async promote(_id, token, current) {
      for (const v of Object.keys(stages)) stages[v] = stages[v].filter((s) => s !== 'AWSPREVIOUS');
      if (current) stages[current] = ['AWSPREVIOUS'];
      stages[token] = ['AWSCURRENT'];
    },
  };
  return { secrets, values, stages, start: (token: string) => (stages[token] = ['AWSPENDING']) };
}

const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

describe('random secret rotation', () => {
  it('makes a new random value current and keeps the old one as previous, idempotently', async () => {
    const fake = fakeSecrets('old'.repeat(16));
    const seen: unknown[] = [];
    const rotate = randomSecretRotation(fake.secrets, { propagate: async (next) => void seen.push(next) });
    fake.start('t1');
    for (const step of steps) {
      await rotate({ SecretId: 's', ClientRequestToken: 't1', Step: step });
      await rotate({ SecretId: 's', ClientRequestToken: 't1', Step: step });
    }
    expect(fake.stages).toEqual({ v0: ['AWSPREVIOUS'], t1: ['AWSCURRENT'] });
    const next = fake.values.get('t1')!;
    expect(next).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(seen[0]).toEqual({ pending: next, current: 'old'.repeat(16) });
  });

  it('refuses a token that Secrets Manager did not stage', async () => {
    const rotate = randomSecretRotation(fakeSecrets('x'.repeat(48)).secrets);
    await expect(rotate({ SecretId: 's', ClientRequestToken: 'nope', Step: 'createSecret' })).rejects.toThrow('not staged');
  });

  it('draws values from the whole alphanumeric alphabet', () => {
    const chars = new Set(Array.from({ length: 50 }, () => randomSecretValue(64)).join(''));
    expect(chars.size).toBe(62);
  });
});

describe('origin-verify propagation', () => {
  it('lets the API accept both values before CloudFront sends the new one', async () => {
    const calls: string[] = [];
    let env: Record<string, string> = { ORIGIN_VERIFY: 'old', RESPONSES_TABLE: 'r' };
    const targets: OriginVerifyTargets = {
      functionEnvironment: async () => env,
      setFunctionEnvironment: async (_name, vars) => {
        calls.push('lambda');
        env = vars;
      },
      setOriginHeader: async (_id, header, value) => {
        calls.push(`cloudfront ${header}=${value}`);
        return 1;
      },
    };
    await originVerifyPropagation(targets, { apiFunctionName: 'api', distributionId: 'E1', headerName: 'x-phieu-origin-verify' })({
      pending: 'new',
      current: 'old',
    });
    expect(calls).toEqual(['lambda', 'cloudfront x-phieu-origin-verify=new']);
    expect(env).toEqual({ ORIGIN_VERIFY: 'new', ORIGIN_VERIFY_PREVIOUS: 'old', RESPONSES_TABLE: 'r' });
  });

  it('fails when no origin sends the header (the rotation stops before the new value becomes current)', async () => {
    const targets: OriginVerifyTargets = { functionEnvironment: async () => ({}), setFunctionEnvironment: async () => {}, setOriginHeader: async () => 0 };
    await expect(
      originVerifyPropagation(targets, { apiFunctionName: 'api', distributionId: 'E1', headerName: 'h' })({ pending: 'n', current: 'o' }),
    ).rejects.toThrow('no origin');
  });
});
