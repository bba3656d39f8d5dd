// A typed short code → its stored link. The code's index entry is looked up under each key of the ring (a code
// made before the last rotation is indexed under the previous key), then the link it names is read like a
// token's. Refusals are the token's: an unknown code is `link_invalid`, and revoked or expired links are refused.
import { problem } from '../../errors';
import type { LinkRecord, LinksRepo } from '../../repo/types';
import { linkCodeHashes, normalizeLinkCode } from './link-code';
import type { LinkKeys } from './link-token';

export type CodeLookup = { found: true; record: LinkRecord } | { found: false; reason: 'malformed' | 'unknown' };

/** The link a typed code names, or why there is none; at most one read per key of the ring, then one for the link. */
export async function linkOfCode(links: Pick<LinksRepo, 'getLinkCode' | 'getLink'>, keys: LinkKeys, typed: string): Promise<CodeLookup> {
  const code = normalizeLinkCode(typed);
  if (!code) return { found: false, reason: 'malformed' };
  for (const hash of linkCodeHashes(keys, code)) {
    const entry = await links.getLinkCode(hash);
    if (!entry) continue;
    const record = await links.getLink(entry.roundId, entry.villageCode, entry.linkId);
    // The record must name this very index key: an entry left from another key would otherwise open a link.
    if (record && record.codeHash === hash) return { found: true, record };
  }
  return { found: false, reason: 'unknown' };
}

/** A found link that may still be used: refused (401) when revoked or past its expiry. */
export function assertLinkLive(record: LinkRecord, now: Date): LinkRecord {
  if (record.revokedAt) throw problem.linkRefused('revoked');
  if (now.getTime() >= new Date(record.expiresAt).getTime()) throw problem.linkRefused('expired');
  return record;
}
