// Rotation of the link-signing key: tokens name their key, and verification accepts the current and previous keys.

import { createHmac, randomBytes } from 'node:crypto';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { secretsManagerLinkKeyring } from '../../functions/lib/services/links/link-secret';
import { type LinkClaims, linkKeyId, newLinkId, signLinkToken, verifyLinkToken } from '../../functions/lib/services/links/link-token';

const NOW = new Date('2026-11-24T08:00:00Z');
const claims = (): LinkClaims => ({
  roundId: 'cds-2024',
  wardCode: '14815',
  villageCode: '14815-khu-pho-1',
  linkId: newLinkId(),
  expiresAt: new Date('2027-12-31T16:59:59Z'),
});

/** A token in the format before rotation (version 1, no kid), signed the way it was then. */
function legacyToken(key: Uint8Array, c: LinkClaims): string {
  const payload = ['1', c.roundId, c.wardCode, c.villageCode, c.linkId, Math.floor(c.expiresAt.getTime() / 1000).toString(36)].join('~');
  const tag = createHmac('sha256', key).update('phieu-self-link-v1.').update(payload).digest().subarray(0, 16).toString('base64url');
  return `${payload}.${tag}`;
}

describe('link key rotation', () => {
  const older = randomBytes(32);
  const previous = randomBytes(32);
  const current = randomBytes(32);
  const ring = { current, previous };

  it('signs with the current key and names it in the token', () => {
    const token = signLinkToken(ring, claims());
    expect(token.split('.').pop()!.startsWith(linkKeyId(current))).toBe(true);
    expect(verifyLinkToken(current, token, NOW).ok).toBe(true);
    expect(verifyLinkToken(ring, token, NOW).ok).toBe(true);
  });

  it('still verifies a token signed with the previous key', () => {
    const signed = claims();
    const token = signLinkToken(previous, signed);
    expect(verifyLinkToken(ring, token, NOW)).toEqual({ ok: true, claims: signed });
  });

  it('refuses a token whose key id is unknown: a key retired two rotations ago, or a made-up id', () => {
    expect(verifyLinkToken(ring, signLinkToken(older, claims()), NOW)).toEqual({ ok: false, reason: 'invalid' });
    const token = signLinkToken(current, claims());
    const dot = token.lastIndexOf('.');
    expect(verifyLinkToken(ring, `${token.slice(0, dot + 1)}${linkKeyId(older)}${token.slice(dot + 5)}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps tokens made before key ids verifying with the ring’s keys', () => {
    const signed = claims();
    expect(verifyLinkToken(ring, legacyToken(current, signed), NOW)).toEqual({ ok: true, claims: signed });
    expect(verifyLinkToken(current, legacyToken(current, signed), NOW)).toEqual({ ok: true, claims: signed });
    expect(verifyLinkToken(ring, legacyToken(older, signed), NOW)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('rotating link secret', () => {
  const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:LinkSigningSecret-abc';
  const secrets = mockClient(SecretsManagerClient);
  beforeEach(() => secrets.reset());

  it('reads AWSCURRENT and AWSPREVIOUS, keeps them, and reads again after maxAgeMs', async () => {
    secrets.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'c'.repeat(64) });
    secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: 'p'.repeat(64) });
    let clock = 0;
    const keys = secretsManagerLinkKeyring(ARN, 'ap-southeast-1', { maxAgeMs: 1000, now: () => clock });
    const ring = (await keys()) as { current: Uint8Array; previous?: Uint8Array };
    expect(Buffer.from(ring.current).toString()).toBe('c'.repeat(64));
    expect(Buffer.from(ring.previous!).toString()).toBe('p'.repeat(64));
    await keys();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    clock = 1000;
    await keys();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(4);
  });

  it('uses the current key alone before the first rotation', async () => {
    secrets.on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' }).resolves({ SecretString: 'c'.repeat(64) });
    secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).rejects(new ResourceNotFoundException({ message: 'no such version', $metadata: {} }));
    const ring = (await secretsManagerLinkKeyring(ARN, 'ap-southeast-1')()) as { current: Uint8Array; previous?: Uint8Array };
    expect(Buffer.from(ring.current).toString()).toBe('c'.repeat(64));
    expect(ring.previous).toBeUndefined();
  });
});
