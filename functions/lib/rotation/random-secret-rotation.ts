// Secrets Manager rotation of a random string secret (the link-signing key, the origin-verify value): the four
// steps Secrets Manager calls, idempotent as it requires. `propagate` runs at setSecret, before the new value
// becomes AWSCURRENT: whatever must accept the new value learns it there (the origin-verify secret updates the API
// function and CloudFront; the link key needs nothing, as the API reads AWSCURRENT and AWSPREVIOUS itself).
import { randomBytes } from 'node:crypto';

export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

/** The few Secrets Manager calls rotation needs (the SDK client in Lambda, a fake in tests). */
export interface RotationSecrets {
  getValue(secretId: string, select: { versionId?: string; stage: string }): Promise<string | undefined>;
  putPending(secretId: string, token: string, value: string): Promise<void>;
  /** Version ids by stage: which one is AWSCURRENT, and whether the token's version is staged for rotation. */
  stagesOf(secretId: string): Promise<Record<string, string[]>>;
  promote(secretId: string, token: string, currentVersionId: string | undefined): Promise<void>;
}

export type Propagate = (next: { pending: string; current: string | undefined }) => Promise<void>;

/** 48 random alphanumerics (~285 bits): no punctuation, so the value is safe in headers, env vars and URLs. */
export function randomSecretValue(length = 48): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < length) for (const byte of randomBytes(length)) if (byte < 248 && out.length < length) out += alphabet[byte % 62];
  return out;
}

export function randomSecretRotation(secrets: RotationSecrets, { length = 48, propagate }: { length?: number; propagate?: Propagate } = {}) {
  return async (event: RotationEvent): Promise<void> => {
    const { SecretId: id, ClientRequestToken: token, Step: step } = event;
    const stages = await secrets.stagesOf(id);
    // Secrets Manager stages the token's version AWSPENDING when it starts a rotation; anything else is a stale call.
    if (!stages[token]) throw new Error(`version ${token} of the secret is not staged for rotation`);
    if (stages[token].includes('AWSCURRENT') && step !== 'createSecret') return;
    const currentVersion = Object.keys(stages).find((version) => stages[version].includes('AWSCURRENT'));
    if (step === 'createSecret') {
      if (await secrets.getValue(id, { versionId: token, stage: 'AWSPENDING' }).catch(() => undefined)) return;
      await secrets.putPending(id, token, randomSecretValue(length));
    } else if (step === 'setSecret') {
      const pending = await secrets.getValue(id, { versionId: token, stage: 'AWSPENDING' });
      if (!pending) throw new Error('no pending value to set');
      await propagate?.({ pending, current: await secrets.getValue(id, { stage: 'AWSCURRENT' }) });
    } else if (step === 'finishSecret') {
      await secrets.promote(id, token, currentVersion);
    }
    // testSecret: nothing to log in to; propagate has already checked its own updates.
  };
}
