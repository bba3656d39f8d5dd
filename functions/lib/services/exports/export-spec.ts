// What an export job covers and who may ask for it or see it: the area is a code of the set the figures are
// shown on (the round's own, or the one the aggregates are re-based onto), checked in that set's tree.
import type { User } from '@shared/api/contract';
import type { ExportJobRequest } from '@shared/api/exports';
import { AREA_LEVELS } from '@shared/areas/areas';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import type { Lang } from '@shared/survey/form';
import { problem } from '../../errors';
import type { ExportJobRecord, ReferenceRepo } from '../../repo/types';
import { assertAreaSetExists } from '../areas/area-sets';
import { requireRound } from '../rounds/require-round';
import { type Reader, type RoundScopeDeps, readerOnSet } from '../rounds/round-scope';
import type { ExportSpec } from './job-key';

export interface ExportSpecDeps extends RoundScopeDeps {
  reference: Pick<ReferenceRepo, 'getRound'>;
}

/** Who may export what where; resolves the area an export covers (400 on the field at fault, 403 out of scope). */
export async function resolveSpec(user: User, request: ExportJobRequest, lang: Lang, deps: ExportSpecDeps): Promise<ExportSpec> {
  const round = await requireRound(deps.reference, request.roundId);
  const roundSet = round.areaSetId ?? CURRENT_AREA_SET_ID;
  const areaSet = await shownSet(request, roundSet, deps);
  const reader = await readerOnSet(user, roundSet, areaSet, deps);
  const province = reader.tree.ofLevel('province')[0]?.code;
  const areaCode = request.areaCode ?? (user.role === 'admin' ? province : officialArea(user, reader));
  if (!areaCode) throw problem.invalidField('areaCode', 'validation.area_required');
  const level = reader.tree.get(areaCode)?.level;
  if (!level || level === 'village') throw problem.invalidField('areaCode', 'validation.unknown_area');
  const format = request.format;
  if (request.kind === 'responses') {
    if (user.role !== 'admin') throw problem.forbidden();
    return { roundId: request.roundId, kind: 'responses', shape: request.shape ?? 'long', format, gzip: format === 'csv' && !!request.gzip, areaCode };
  }
  if (!reader.mayRead(areaCode)) throw problem.forbidden('areaCode');
  return { roundId: request.roundId, kind: 'aggregates', format, gzip: format === 'csv' && !!request.gzip, areaCode, lang, ...(areaSet ? { areaSet } : {}) };
}

/**
 * An official's default area, for one with a single area: that area where they read it as it is, else (their code
 * is of another set: the town 381 on the 2025 wards) the largest area of the set shown that they may read; none
 * readable is 403.
 */
function officialArea(user: User, reader: Reader): string | undefined {
  const own = user.role === 'official' && user.areas.length === 1 ? user.areas[0] : undefined;
  if (!own) return undefined;
  if (reader.tree.get(own) && reader.mayRead(own)) return own;
  const readable = AREA_LEVELS.flatMap((level) => reader.tree.ofLevel(level)).find((area) => area.level !== 'village' && reader.mayRead(area.code));
  if (!readable) throw problem.forbidden('areaCode');
  return readable.code;
}

/**
 * The set the figures are re-based onto: a stored set holding a mapping from the round's set (400 on `areaSet`
 * otherwise), for aggregates only. The round's own set is the figures as they are, so it is no re-basing.
 */
async function shownSet(request: ExportJobRequest, roundSet: string, deps: ExportSpecDeps): Promise<string | undefined> {
  const { areaSet } = request;
  if (areaSet === undefined) return undefined;
  if (request.kind !== 'aggregates') throw problem.invalidField('areaSet', 'areaSets.aggregates_only');
  if (areaSet === roundSet) return undefined;
  if (!deps.areaSets) throw problem.invalidField('areaSet', 'validation.unknown_area_set');
  await assertAreaSetExists(deps.areaSets, areaSet, 'areaSet');
  if (!(await deps.areaSets.getMapping(areaSet, roundSet))) throw problem.invalidField('areaSet', 'areaSets.no_mapping', { from: roundSet, to: areaSet });
  return areaSet;
}

/** The reader of a job's area: in the set its figures are shown on. */
export async function jobReader(user: User, job: ExportJobRecord, deps: ExportSpecDeps): Promise<Reader> {
  const round = await deps.reference.getRound(job.roundId);
  return readerOnSet(user, round?.areaSetId ?? CURRENT_AREA_SET_ID, job.areaSet, deps);
}
