// What a household's link opens: the link, its round, ward and village, the form, and the household's own
// response (or that it was deleted).

import type { SelfForm } from '@shared/api/links';
import type { AreaTree } from '@shared/areas/areas';
import { pinnedRound } from '@shared/rounds/round';
import { problem } from '../../errors';
import type { LinkRecord, ReferenceRepo, ResponsesRepo } from '../../repo/types';
import type { PublishedDefinitions } from '../surveys/published-definitions';
import { selfResponseId } from './link-token';

export interface SelfFormDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
  responses: Pick<ResponsesRepo, 'get'>;
  /** The tree of an area set: the link's ward and village are named in its round's set. */
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  definitions: Pick<PublishedDefinitions, 'get'>;
}

/** The page of a live link; 404 when its round or areas are gone. */
export async function selfFormOf(record: LinkRecord, deps: SelfFormDeps): Promise<SelfForm> {
  const [round, stored] = await Promise.all([deps.reference.getRound(record.roundId), deps.responses.get(selfResponseId(record.linkId))]);
  const tree = await deps.areaTree(round?.areaSetId);
  const ward = tree.get(record.wardCode);
  const village = tree.get(record.villageCode);
  if (!round || !ward || !village) throw problem.notFound();
  const { surveyId, surveyVersion } = pinnedRound(round);
  // The form is the round's own questionnaire version (a published version never changes).
  const form = await deps.definitions.get(surveyId, surveyVersion);
  if (!form) throw problem.notFound();
  const live = stored && !stored.deletedAt ? stored : undefined;
  return {
    link: {
      linkId: record.linkId,
      expiresAt: record.expiresAt,
      ...(record.householdCode ? { householdCode: record.householdCode } : {}),
      ...(record.headName ? { headName: record.headName } : {}),
      ...(record.address ? { address: record.address } : {}),
    },
    round,
    ward,
    village,
    form,
    response: live ? { id: live.id, version: live.version, household: live.household, members: live.members, updatedAt: live.updatedAt } : null,
    deleted: Boolean(stored?.deletedAt),
  };
}
