// Where the link-signing key comes from: a Secrets Manager secret in AWS (read once per container, on first
// use), a random key per process locally (links then live exactly as long as the in-memory local data).
// The secret rotates (infra: a rotation function puts a new random value as AWSCURRENT); links signed before keep
// verifying with the AWSPREVIOUS version, which the token names by key id (link-token.ts).
import { randomBytes } from 'node:crypto';
import type { LinkKeys } from './link-token';

/** Resolves to the HMAC key (or the current and previous keys); cached by the callers below. */
export type LinkKeySource = () => Promise<LinkKeys>;

/** A fresh 256-bit key for this process (local stack, tests). */
export function generatedLinkKey(): () => Promise<Uint8Array> {
  const key = randomBytes(32);
  return async () => key;
}

const MIN_LENGTH = 32;

function keyOf(value: string | undefined): Uint8Array {
  if (!value || value.length < MIN_LENGTH) throw new Error('link secret is missing or shorter than 32 characters');
  return new Uint8Array(Buffer.from(value, 'utf8'));
}

/** The secret's string value as the key, fetched lazily and kept; a failed fetch is retried on the next call. */
export function secretsManagerLinkKey(secretArn: string, region: string): () => Promise<Uint8Array> {
  let pending: Promise<Uint8Array> | undefined;
  return () => {
    pending ??= (async () => {
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({ region });
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      return keyOf(SecretString);
    })();
    pending.catch(() => (pending = undefined));
    return pending;
  };
}

/**
 * The AWSCURRENT and AWSPREVIOUS versions of the rotating secret, re-read after `maxAgeMs` so that a warm
 * container signs with the new key soon after a rotation (until then it signs with what became the previous key,
 * which every container still accepts). No previous version yet (never rotated): the current key alone.
 */
export function secretsManagerLinkKeyring(secretArn: string, region: string, { maxAgeMs = 15 * 60_000, now = Date.now } = {}): LinkKeySource {
  let pending: Promise<LinkKeys> | undefined;
  let readAt = 0;
  return () => {
    if (pending && now() - readAt >= maxAgeMs) pending = undefined;
    pending ??= (async () => {
      readAt = now();
      const { SecretsManagerClient, GetSecretValueCommand, ResourceNotFoundException } = await import('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({ region });
      const read = (VersionStage: string) => client.send(new GetSecretValueCommand({ SecretId: secretArn, VersionStage }));
      const [current, previous] = await Promise.all([
        read('AWSCURRENT'),
        read('AWSPREVIOUS').catch((error: unknown) => {
          if (error instanceof ResourceNotFoundException || (error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
          throw error;
        }),
      ]);
      return { current: keyOf(current.SecretString), ...(previous?.SecretString ? { previous: keyOf(previous.SecretString) } : {}) };
    })();
    pending.catch(() => (pending = undefined));
    return pending;
  };
}
