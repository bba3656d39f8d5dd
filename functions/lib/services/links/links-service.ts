// Self-report links as the routes see them: listed with their state, resolved from a token, households checked.
import type { Link, NamedHousehold } from '@shared/api/links';
import { type PendingIssue, problem, ValidationError } from '../../errors';
import type { LinkRecord, LinksRepo, ResponsesRepo, RosterRepo, StoredResponseItem } from '../../repo/types';
import { codeKeyOf, deriveLinkCode, formatLinkCode } from './link-code';
import { type LinkClaims, type LinkKeys, selfResponseId, signLinkToken, verifyLinkToken } from './link-token';
import { selfReportUrl, shortCodeUrl } from './link-urls';

export function claimsOf(record: LinkRecord): LinkClaims {
  return { roundId: record.roundId, wardCode: record.wardCode, villageCode: record.villageCode, linkId: record.linkId, expiresAt: new Date(record.expiresAt) };
}

/** The link's short code, formatted; undefined for a link made before codes or whose code key has rotated out. */
export function shortCodeOf(record: LinkRecord, keys: LinkKeys): string | undefined {
  const key = record.codeKid ? codeKeyOf(keys, record.codeKid) : undefined;
  return key ? formatLinkCode(deriveLinkCode(key, record.linkId)) : undefined;
}

/**
 * The link as the API shows it; `response` is the live response it wrote, if any. `base` is the configured public
 * URL of the web app, never anything a request says.
 */
export function toLink(record: LinkRecord, key: LinkKeys, base: string, response: StoredResponseItem | undefined): Link {
  const token = signLinkToken(key, claimsOf(record));
  const code = shortCodeOf(record, key);
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
    ...(code ? { code, shortUrl: shortCodeUrl(base, code) } : {}),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    responseId: selfResponseId(record.linkId),
    state: record.revokedAt ? 'revoked' : live ? 'used' : 'unused',
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    ...(live ? { submittedAt: live.updatedAt, answeredHeadName: live.household.head_name } : {}),
  };
}

/** Live responses of a village by id, to tell which links were used (one paged query, however many links). */
export async function responsesOfVillage(
  responses: Pick<ResponsesRepo, 'listAllInWard'>,
  roundId: string,
  wardCode: string,
  villageCode: string,
): Promise<Map<string, StoredResponseItem>> {
  const byId = new Map<string, StoredResponseItem>();
  for await (const item of responses.listAllInWard(roundId, wardCode, { villageCode })) if (!item.deletedAt) byId.set(item.id, item);
  return byId;
}

/** The claims of a correctly signed, unexpired token, refusing (401) anything else; no storage read. `now` null skips the expiry check. */
export function verifiedClaims(key: LinkKeys, token: string, now: Date | null): LinkClaims {
  const checked = verifyLinkToken(key, token, now);
  if (!checked.ok) throw problem.linkRefused(checked.reason);
  return checked.claims;
}

/** The stored link of verified claims, refusing (401) an unknown link or one of another ward. */
export async function linkOfClaims(links: Pick<LinksRepo, 'getLink'>, claims: LinkClaims): Promise<LinkRecord> {
  const record = await links.getLink(claims.roundId, claims.villageCode, claims.linkId);
  // A correctly signed token always has a record, unless the key leaked: treat it as forged.
  if (!record || record.wardCode !== claims.wardCode) throw problem.linkRefused('invalid');
  return record;
}

/**
 * The stored link a token names, refusing (401) a forged or altered token, an expired one, and an unknown link
 * (a revoked one is returned: callers decide). `now` null skips the expiry check.
 */
export async function resolveLink(
  links: Pick<LinksRepo, 'getLink'>,
  key: LinkKeys,
  token: string,
  now: Date | null,
): Promise<{ claims: LinkClaims; record: LinkRecord }> {
  const claims = verifiedClaims(key, token, now);
  return { claims, record: await linkOfClaims(links, claims) };
}

/**
 * The named households of a links request, checked against the village's roster when the ward has one: a
 * household code must be on it (a link for a household the roster does not know would never count towards its
 * coverage), and a household given by code alone takes its head's name from it. Without a roster, codes are kept
 * as typed (pasted from a paper list) and every household needs a name. All problems at once, as field-level 400s.
 * The roster is the one of the round's area set `areaSetId` (a ward code means something only within its set).
 */
export async function namedHouseholdsOfVillage(
  roster: Pick<RosterRepo, 'getWardRoster' | 'listEntries'>,
  wardCode: string,
  villageCode: string,
  households: readonly NamedHousehold[],
  areaSetId: string | undefined,
): Promise<{ headName: string; householdCode?: string; address?: string }[]> {
  const anyCode = households.some((h) => h.householdCode);
  const pointer = anyCode ? await roster.getWardRoster(wardCode, areaSetId) : undefined;
  const rosterOf = pointer ? await roster.listEntries(pointer, villageCode) : undefined;
  const byCode = new Map(rosterOf?.map((entry) => [entry.householdCode, entry]));
  const issues: PendingIssue[] = [];
  const named = households.map(({ headName, householdCode }, i) => {
    const entry = householdCode ? byCode.get(householdCode) : undefined;
    if (householdCode && rosterOf && !entry)
      issues.push({ path: `households.${i}.householdCode`, key: 'validation.link_household_not_in_roster', params: { code: householdCode } });
    const name = headName ?? entry?.headName;
    if (!name && !(householdCode && rosterOf)) issues.push({ path: `households.${i}.headName`, key: 'validation.link_head_name_required' });
    // The roster's address goes on the link, so the household's form starts with it as well as the name.
    return { headName: name ?? '', ...(householdCode ? { householdCode } : {}), ...(entry?.address ? { address: entry.address } : {}) };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return named;
}
