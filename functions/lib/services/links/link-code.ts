// Short codes a person can type instead of a link: 12 Crockford base32 characters (60 bits), printed in groups of
// four (`7KQM-4X92-PABC`). Typed back, case, dashes and spaces do not matter, and the letters people confuse with
// digits (I, L → 1; O → 0) are read as the digits, as Crockford's alphabet intends.
// A code is derived from the link id with the link key (HMAC), so the links list can print it again without the
// code ever being stored. What is stored is the code's index entry, keyed by another HMAC of the code under the same
// key: reading the table alone reveals no code, and an index entry cannot be searched without the key. The link
// record names the key (its id) that made its code; like a token, a code works while that key is the current or
// the previous one (one rotation).
import { createHmac } from 'node:crypto';
import { type LinkKeys, linkKeyId } from './link-token';

/** Crockford's base32: digits and letters without I, L, O and U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_CODE_LENGTH = 12;
const DERIVE_CONTEXT = 'phieu-link-code-v1.';
const INDEX_CONTEXT = 'phieu-link-code-index-v1.';

function keysOf(keys: LinkKeys): Uint8Array[] {
  if (keys instanceof Uint8Array) return [keys];
  return keys.previous ? [keys.current, keys.previous] : [keys.current];
}

/** The key a new code is made with, and its id (recorded on the link). */
export function currentCodeKey(keys: LinkKeys): { key: Uint8Array; kid: string } {
  const [key] = keysOf(keys);
  return { key, kid: linkKeyId(key) };
}

/** The key of a kid while it is still in the ring (current or previous); undefined once rotated out. */
export function codeKeyOf(keys: LinkKeys, kid: string): Uint8Array | undefined {
  return keysOf(keys).find((key) => linkKeyId(key) === kid);
}

/** A link's code in canonical form (12 characters, no dashes): the first 60 bits of an HMAC of its id. */
export function deriveLinkCode(key: Uint8Array, linkId: string): string {
  const digest = createHmac('sha256', key).update(DERIVE_CONTEXT).update(linkId).digest();
  let code = '';
  // 12 characters of 5 bits each, taken from the first 8 bytes.
  let bits = digest.readBigUInt64BE(0) >> 4n;
  for (let i = 0; i < LINK_CODE_LENGTH; i++) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** `7KQM4X92PABC` → `7KQM-4X92-PABC`. */
export function formatLinkCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** A typed code in canonical form, or undefined when it cannot be one (wrong length or a character outside the alphabet). */
export function normalizeLinkCode(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== LINK_CODE_LENGTH || [...code].some((char) => !ALPHABET.includes(char))) return undefined;
  return code;
}

/** The index entry's key of a canonical code under one key (base64url, 128 bits). */
export function linkCodeHash(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(INDEX_CONTEXT).update(code).digest().subarray(0, 16).toString('base64url');
}

/** The index keys a typed code may be stored under: one per key of the ring, current first. */
export function linkCodeHashes(keys: LinkKeys, code: string): string[] {
  return keysOf(keys).map((key) => linkCodeHash(key, code));
}
