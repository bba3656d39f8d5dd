// Short codes a person can type instead of a link (their format: shared/text/link-code.ts).
// A code is derived from the link id with the link key (HMAC), so the links list can print it again without the
// code ever being stored. What is stored is the code's index entry, keyed by another HMAC of the code under the same
// key: reading the table alone reveals no code, and an index entry cannot be searched without the key. The link
// record names the key (its id) that made its code; like a token, a code works while that key is the current or
// the previous one (one rotation).
import { createHmac } from 'node:crypto';
import { LINK_CODE_ALPHABET as ALPHABET, LINK_CODE_LENGTH } from '@shared/text/link-code';
import { type LinkKeys, linkKeyId, ringOf } from './link-token';

export { formatLinkCode, LINK_CODE_LENGTH, normalizeLinkCode } from '@shared/text/link-code';

const DERIVE_CONTEXT = 'phieu-link-code-v1.';
const INDEX_CONTEXT = 'phieu-link-code-index-v1.';

/** The key a new code is made with, and its id (recorded on the link). */
export function currentCodeKey(keys: LinkKeys): { key: Uint8Array; kid: string } {
  const [key] = ringOf(keys);
  return { key, kid: linkKeyId(key) };
}

/** The key of a kid while it is still in the ring (current or previous); undefined once rotated out. */
export function codeKeyOf(keys: LinkKeys, kid: string): Uint8Array | undefined {
  return ringOf(keys).find((key) => linkKeyId(key) === kid);
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

/** The index entry's key of a canonical code under one key (base64url, 128 bits). */
export function linkCodeHash(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(INDEX_CONTEXT).update(code).digest().subarray(0, 16).toString('base64url');
}

/** The index keys a typed code may be stored under: one per key of the ring, current first. */
export function linkCodeHashes(keys: LinkKeys, code: string): string[] {
  return ringOf(keys).map((key) => linkCodeHash(key, code));
}
