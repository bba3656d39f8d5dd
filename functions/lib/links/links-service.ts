// Self-report links as the collector's routes see them: made, listed with their state, resolved from a token.
import type { Link } from '../../../shared/api/links';
import { LinkRefusedError } from '../errors';
import type { LinkRecord, Repository, StoredResponseItem } from '../repo/types';
import { selfResponseId, signLinkToken, verifyLinkToken, type LinkClaims } from './link-token';
import { selfReportUrl } from './link-urls';

export function claimsOf(record: LinkRecord): LinkClaims {
  return { roundId: record.roundId, wardCode: record.wardCode, villageCode: record.villageCode, linkId: record.linkId, expiresAt: new Date(record.expiresAt) };
}

/** The link as the API shows it; `response` is the live response it wrote, if any. */
export function toLink(record: LinkRecord, key: Uint8Array, base: string, response: StoredResponseItem | undefined): Link {
  const token = signLinkToken(key, claimsOf(record));
  const live = response && !response.deletedAt ? response : undefined;
  return {
    token,
    url: selfReportUrl(base, token),
    expiresAt: record.expiresAt,
    linkId: record.linkId,
    roundId: record.roundId,
    wardCode: record.wardCode,
    villageCode: record.villageCode,
    ...(record.householdCode ? { householdCode: record.householdCode } : {}),
    ...(record.headName ? { headName: record.headName } : {}),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    responseId: selfResponseId(record.linkId),
    state: record.revokedAt ? 'revoked' : live ? 'used' : 'unused',
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    ...(live ? { submittedAt: live.updatedAt, answeredHeadName: live.household.head_name } : {}),
  };
}

/** Live responses of a village by id, to tell which links were used (one query, however many links). */
export async function responsesOfVillage(repo: Repository, roundId: string, wardCode: string, villageCode: string): Promise<Map<string, StoredResponseItem>> {
  const byId = new Map<string, StoredResponseItem>();
  let cursor: string | undefined;
  do {
    const page = await repo.responses.listByWard({ roundId, wardCode, villageCode, limit: 200, cursor });
    for (const item of page.items) byId.set(item.id, item);
    cursor = page.cursor;
  } while (cursor);
  return byId;
}

/**
 * The stored link a token names, refusing (401) a forged or altered token, an expired one, and a revoked or
 * unknown link. `now` null skips the expiry check.
 */
export async function resolveLink(repo: Repository, key: Uint8Array, token: string, now: Date | null): Promise<{ claims: LinkClaims; record: LinkRecord }> {
  const checked = verifyLinkToken(key, token, now);
  if (!checked.ok) throw new LinkRefusedError(checked.reason);
  const { claims } = checked;
  const record = await repo.links.getLink(claims.roundId, claims.villageCode, claims.linkId);
  // A correctly signed token always has a record, unless the key leaked: treat it as forged.
  if (!record || record.wardCode !== claims.wardCode) throw new LinkRefusedError('invalid');
  return { claims, record };
}
