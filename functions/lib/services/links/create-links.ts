// Make self-report links for a village: the round must exist and be open, the user must work in the ward, and
// named households are checked against the ward's roster. Returns the stored records; the route signs them.

import type { User } from '@shared/api/contract';
import type { CreateLinksRequest } from '@shared/api/links';
import type { AreaTree } from '@shared/areas/areas';
import { assertVillageOfWard } from '../../access/scope';
import { problem } from '../../errors';
import type { LinkRecord, LinksRepo, ReferenceRepo, RosterRepo } from '../../repo/types';
import { assertRoundOpen, requireRound } from '../rounds/require-round';
import { newLinkId } from './link-token';
import { namedHouseholdsOfVillage } from './links-service';

export interface CreateLinksDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
  roster: Pick<RosterRepo, 'getWardRoster' | 'listEntries'>;
  links: Pick<LinksRepo, 'putLinks'>;
  areaTree: () => Promise<AreaTree>;
  clock: () => Date;
}

/** Stores `count` anonymous links or one per named household, each expiring when the round closes. */
export async function createLinks(request: CreateLinksRequest, user: User, deps: CreateLinksDeps): Promise<LinkRecord[]> {
  if ((request.count === undefined) === (request.households === undefined)) throw problem.invalidField('count', 'validation.links_count_or_households');
  const round = await requireRound(deps.reference, request.roundId);
  assertVillageOfWard(await deps.areaTree(), user, request.wardCode, request.villageCode);
  const now = deps.clock();
  assertRoundOpen(round, now);

  const who = request.households
    ? await namedHouseholdsOfVillage(deps.roster, request.wardCode, request.villageCode, request.households)
    : Array.from({ length: request.count ?? 0 }, () => ({ headName: undefined, householdCode: undefined }));
  const createdAt = now.toISOString();
  const records: LinkRecord[] = who.map(({ headName, householdCode }) => ({
    linkId: newLinkId(),
    roundId: round.id,
    wardCode: request.wardCode,
    villageCode: request.villageCode,
    ...(householdCode ? { householdCode } : {}),
    ...(headName ? { headName } : {}),
    expiresAt: new Date(round.closesAt).toISOString(),
    createdBy: user.username,
    createdAt,
  }));
  await deps.links.putLinks(records);
  return records;
}
