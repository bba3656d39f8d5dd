// Where the link-signing key comes from: a Secrets Manager secret in AWS (read once per container, on first
// use), a random key per process locally (links then live exactly as long as the in-memory local data).
import { randomBytes } from 'node:crypto';

/** Resolves to the HMAC key; cached by the callers below so a warm Lambda reads the secret once. */
export type LinkKeySource = () => Promise<Uint8Array>;

/** A fresh 256-bit key for this process (local stack, tests). */
export function generatedLinkKey(): LinkKeySource {
  const key = randomBytes(32);
  return async () => key;
}

/** The secret's string value as the key, fetched lazily and kept; a failed fetch is retried on the next call. */
export function secretsManagerLinkKey(secretArn: string, region: string): LinkKeySource {
  let pending: Promise<Uint8Array> | undefined;
  return () => {
    pending ??= (async () => {
      const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({ region });
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      if (!SecretString || SecretString.length < 32) throw new Error('link secret is missing or shorter than 32 characters');
      return new Uint8Array(Buffer.from(SecretString, 'utf8'));
    })();
    pending.catch(() => (pending = undefined));
    return pending;
  };
}
