// Rounds as data: an admin creates a round pinned to a published questionnaire version, an area set and a
// reference date, and reschedules or renames it later. Its status comes from the clock, never from storage.
import { randomUUID } from 'node:crypto';
import type { Round } from '@shared/api/contract';
import type { AreaTree } from '@shared/areas/areas';
import { initialCounting } from '@shared/indicators/counting';
import { checkDefinition } from '@shared/questionnaire/check-definition';
import type { Definition, Indicator } from '@shared/questionnaire/definition';
import { isCalendarDate, pinnedRound, publicRound, referenceYearOf, type StoredRound } from '@shared/rounds/round';
import type { CreateRoundRequest, UpdateRoundRequest } from '@shared/rounds/round-requests';
import { getOrNotFound, pendingIssues, problem, ValidationError } from '../../errors';
import type { AreaSetsRepo, CountingsRepo, ReferenceRepo, ResponsesRepo } from '../../repo/types';
import { assertAreaSetExists } from '../areas/area-sets';
import type { PublishedDefinitions } from '../surveys/published-definitions';

export interface RoundsDeps {
  reference: Pick<ReferenceRepo, 'getRound' | 'putRound' | 'listRounds'>;
  countings: CountingsRepo;
  responses: Pick<ResponsesRepo, 'listByWard'>;
  definitions: PublishedDefinitions;
  areaTree: (areaSetId?: string) => Promise<AreaTree>;
  areaSets: Pick<AreaSetsRepo, 'get'>;
  clock: () => Date;
}

/** Every round, newest first, as the API answers them. */
export async function listRounds({ reference, clock }: Pick<RoundsDeps, 'reference' | 'clock'>): Promise<Round[]> {
  const now = clock();
  return (await reference.listRounds()).map((round) => publicRound(round, now));
}

async function publishedDefinition(definitions: PublishedDefinitions, surveyId: string, version: number): Promise<Definition> {
  const definition = await definitions.get(surveyId, version);
  if (!definition) throw problem.invalidField('surveyVersion', 'validation.survey_not_published');
  return definition;
}

function assertWindow(opensAt: string, closesAt: string): void {
  if (Date.parse(opensAt) >= Date.parse(closesAt)) throw problem.invalidField('closesAt', 'validation.opens_before_closes');
}

/** A round's own indicator list must read the round's questions as the survey's own list would. */
function checkedIndicators(definition: Definition, indicators: Indicator[] | undefined): Indicator[] {
  if (!indicators) return definition.indicators;
  const checked = checkDefinition({ ...definition, indicators });
  if (!checked.ok) throw new ValidationError(pendingIssues(checked.issues.filter((issue) => issue.path.startsWith('indicators'))));
  return indicators;
}

export async function createRound(request: CreateRoundRequest, deps: RoundsDeps): Promise<Round> {
  if (!isCalendarDate(request.referenceDate)) throw problem.invalidField('referenceDate', 'validation.invalid_date');
  await assertAreaSetExists(deps.areaSets, request.areaSetId);
  assertWindow(request.opensAt, request.closesAt);
  const definition = await publishedDefinition(deps.definitions, request.surveyId, request.surveyVersion);
  const referenceYear = referenceYearOf(request.referenceDate);
  const round: StoredRound = {
    id: `${request.surveyId}-${referenceYear}-${randomUUID().slice(0, 8)}`,
    name: request.name,
    surveyId: request.surveyId,
    surveyVersion: request.surveyVersion,
    form: request.surveyId,
    formVersion: request.surveyVersion,
    areaSetId: request.areaSetId,
    referenceDate: request.referenceDate,
    referenceYear,
    opensAt: request.opensAt,
    closesAt: request.closesAt,
    countPolicy: request.countPolicy ?? 'submitted',
    indicators: checkedIndicators(definition, request.indicators),
  };
  // The counting state first: a response can only arrive once the round exists, and must find its list.
  await deps.countings.put(initialCounting(pinnedRound(round), definition, round.indicators ?? definition.indicators), null);
  await deps.reference.putRound(round);
  return publicRound(round, deps.clock());
}

/** Whether any ward holds a live response of the round. */
async function hasResponses(round: { id: string; areaSetId: string }, { responses, areaTree }: Pick<RoundsDeps, 'responses' | 'areaTree'>): Promise<boolean> {
  const roundId = round.id;
  for (const ward of (await areaTree(round.areaSetId)).ofLevel('ward')) {
    if ((await responses.listByWard({ roundId, wardCode: ward.code, limit: 1 })).items.length > 0) return true;
  }
  return false;
}

export async function updateRound(id: string, patch: UpdateRoundRequest, deps: RoundsDeps): Promise<Round> {
  const current = pinnedRound(getOrNotFound(await deps.reference.getRound(id)));
  const next = { ...current, ...patch };
  assertWindow(next.opensAt, next.closesAt);
  await assertAreaSetExists(deps.areaSets, next.areaSetId);
  const repinned = next.surveyVersion !== current.surveyVersion || next.areaSetId !== current.areaSetId;
  if (repinned) {
    if (await hasResponses(current, deps)) throw problem.roundHasResponses();
    const definition = await publishedDefinition(deps.definitions, next.surveyId, next.surveyVersion);
    next.formVersion = next.surveyVersion;
    if (next.surveyVersion !== current.surveyVersion) next.indicators = definition.indicators;
    // No responses, so no counts: the round starts counting its new list from generation 1.
    const counting = await deps.countings.get(id);
    const fresh = initialCounting(next, definition, next.indicators ?? definition.indicators);
    if (!(await deps.countings.put({ ...fresh, rev: (counting?.rev ?? -1) + 1 }, counting ? counting.rev : null))) throw problem.indicatorsBusy();
  }
  await deps.reference.putRound(next);
  return publicRound(next, deps.clock());
}
