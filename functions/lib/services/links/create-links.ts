// Make self-report links for a village: the round must exist and be open, the user must work in the ward, and
// named households are checked against the ward's roster in the round's area set. Returns the stored records; the route signs them.

import type { User } from '@shared/api/contract';
import type { CreateLinksRequest } from '@shared/api/links';
import type { AreaTree } from '@shared/areas/areas';
import { assertVillageOfWard } from '../../access/scope';
import { Problem, problem } from '../../errors';
import type { LinkRecord, LinksRepo, ReferenceRepo, RosterRepo } from '../../repo/types';
import { assertRoundOpen, requireRound } from '../rounds/require-round';
import { currentCodeKey, deriveLinkCode, linkCodeHash } from './link-code';
import { type LinkKeys, newLinkId } from './link-token';
import { namedHouseholdsOfVillage } from './links-service';

export interface CreateLinksDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
  roster: Pick<RosterRepo, 'getWardRoster' | 'listEntries'>;
  links: Pick<LinksRepo, 'putLinks' | 'listLinks'>;
  /** The tree of an area set: a link's ward and village are read in its round's set. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  clock: () => Date;
  /** The link key now: it makes each link's short code (and the code's index key). */
  linkKeys: LinkKeys;
  /** Active (unrevoked) links a village may hold in a round; default DEFAULT_MAX_ACTIVE_LINKS. */
  maxActiveLinks?: number;
}

/** A village has at most a few hundred households: 2,000 live links is far beyond any real need. */
export const DEFAULT_MAX_ACTIVE_LINKS = 2000;

/** Stores `count` anonymous links or one per named household, each expiring when the round closes. */
export async function createLinks(request: CreateLinksRequest, user: User, deps: CreateLinksDeps): Promise<LinkRecord[]> {
  if ((request.count === undefined) === (request.households === undefined)) throw problem.invalidField('count', 'validation.links_count_or_households');
  const round = await requireRound(deps.reference, request.roundId);
  assertVillageOfWard(await deps.areaTree(round.areaSetId), user, request.wardCode, request.villageCode);
  const now = deps.clock();
  assertRoundOpen(round, now);

  const who = request.households
    ? await namedHouseholdsOfVillage(deps.roster, request.wardCode, request.villageCode, request.households, round.areaSetId)
    : Array.from({ length: request.count ?? 0 }, () => ({ headName: undefined, householdCode: undefined, address: undefined }));
  // A cap on live links per village: a runaway script (or a stolen collector session) cannot mint links without end.
  const cap = deps.maxActiveLinks ?? DEFAULT_MAX_ACTIVE_LINKS;
  const active = (await deps.links.listLinks(round.id, request.villageCode)).filter((link) => !link.revokedAt).length;
  if (active + who.length > cap) throw new Problem('too_many_links', { params: { max: cap, active }, details: { maxActiveLinks: cap, activeLinks: active } });
  const createdAt = now.toISOString();
  const { key, kid } = currentCodeKey(deps.linkKeys);
  const records: LinkRecord[] = who.map(({ headName, householdCode, address }) => {
    const linkId = newLinkId();
    return {
      linkId,
      roundId: round.id,
      wardCode: request.wardCode,
      villageCode: request.villageCode,
      ...(householdCode ? { householdCode } : {}),
      ...(headName ? { headName } : {}),
      ...(address ? { address } : {}),
      codeKid: kid,
      codeHash: linkCodeHash(key, deriveLinkCode(key, linkId)),
      expiresAt: new Date(round.closesAt).toISOString(),
      createdBy: user.username,
      createdAt,
    };
  });
  await deps.links.putLinks(records);
  return records;
}
