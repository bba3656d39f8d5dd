// Self-report link tokens: a compact signed string that names one round, ward, village and link, and when it
// expires (the round's close). Short enough for a readable QR code: `payload.tag`, where the payload is the
// "~"-joined fields in plain URL-safe text (codes are [A-Za-z0-9._-]) and the tag is HMAC-SHA256 over it,
// truncated to 128 bits, base64url. The link id is 128 random bits, so links cannot
// be enumerated even by someone who knows every other field.
// The key rotates, and a printed link must keep working after it does: the signature part starts with the signing
// key's id (`payload.<kid><tag>`, a 4-character kid), and verification picks the current or the previous key by it.
// The kid is outside the MAC on purpose: changing it only selects another key, whose tag will not match. Tokens
// made before rotation existed (a bare 22-character tag) are tried against each key of the ring.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  roundId: string;
  wardCode: string;
  villageCode: string;
  linkId: string;
  /** When the link stops working: the round's close. */
  expiresAt: Date;
}

const VERSION = '1';
const SEPARATOR = '~';
const TAG_BYTES = 16;
const LINK_ID = /^[A-Za-z0-9_-]{22}$/;
/** Domain separation: the same key must never sign anything else by accident. */
const CONTEXT = 'phieu-self-link-v1.';

/** 128 random bits, base64url (22 characters). */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/** The HMAC key alone (a ring with no previous key), or the current key and the one it replaced. */
export type LinkKeys = Uint8Array | LinkKeyring;
export interface LinkKeyring {
  current: Uint8Array;
  previous?: Uint8Array;
}

/** The key id a token names (24 bits of the key's hash): derived from the key, so rotation needs no bookkeeping beyond the secret's versions. */
export function linkKeyId(key: Uint8Array): string {
  return createHash('sha256').update('phieu-link-kid.').update(key).digest().subarray(0, 3).toString('base64url');
}

/** The keys of a ring, current first. */
export function ringOf(keys: LinkKeys): Uint8Array[] {
  if (keys instanceof Uint8Array) return [keys];
  return keys.previous ? [keys.current, keys.previous] : [keys.current];
}

function tagOf(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(CONTEXT).update(payload).digest().subarray(0, TAG_BYTES);
}

/** Signs the claims. Fields must be plain codes, [A-Za-z0-9._-] (the API checks what it accepts). */
export function signLinkToken(keys: LinkKeys, claims: LinkClaims): string {
  const [key] = ringOf(keys);
  const fields = [VERSION, claims.roundId, claims.wardCode, claims.villageCode, claims.linkId, Math.floor(claims.expiresAt.getTime() / 1000).toString(36)];
  if (fields.some((field) => !/^[A-Za-z0-9._-]+$/.test(field))) throw new Error('link claims must be plain codes');
  const payload = fields.join(SEPARATOR);
  return `${payload}.${linkKeyId(key)}${tagOf(key, payload).toString('base64url')}`;
}

export type LinkTokenCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks the signature (in constant time), the shape and the expiry (unless `now` is null: revoking an expired
 * link is still allowed). Never throws on bad input.
 */
export function verifyLinkToken(keys: LinkKeys, token: string, now: Date | null): LinkTokenCheck {
  if (token.length > 400) return { ok: false, reason: 'invalid' };
  const match = /^([A-Za-z0-9._~-]+)\.([A-Za-z0-9_-]{4})?([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, payload, kid, tag] = match;
  const given = Buffer.from(tag, 'base64url');
  // base64url decoding is lenient about the last character's spare bits: compare the canonical re-encoding too.
  if (given.length !== TAG_BYTES || given.toString('base64url') !== tag) return { ok: false, reason: 'invalid' };
  // An unknown kid is refused without trying any key: a key older than the previous one is retired.
  const candidates = ringOf(keys).filter((key) => kid === undefined || linkKeyId(key) === kid);
  if (!candidates.some((key) => timingSafeEqual(given, tagOf(key, payload)))) return { ok: false, reason: 'invalid' };
  const fields = payload.split(SEPARATOR);
  if (fields.length !== 6 || fields[0] !== VERSION || !LINK_ID.test(fields[4]) || !/^[0-9a-z]{1,12}$/.test(fields[5])) return { ok: false, reason: 'invalid' };
  const [, roundId, wardCode, villageCode, linkId, exp] = fields;
  const expiresAt = new Date(parseInt(exp, 36) * 1000);
  if (now && now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { roundId, wardCode, villageCode, linkId, expiresAt } };
}

/**
 * The response a link writes: a UUID (version 8, RFC 9562 custom) derived from the link id, so every submission
 * through one link revises the same response and the aggregates count it once.
 */
export function selfResponseId(linkId: string): string {
  const bytes = createHash('sha256').update(`phieu-self-response:${linkId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `createdBy` / `updatedBy` of what a link writes. */
export function linkActorName(linkId: string): string {
  return `link:${linkId}`;
}
