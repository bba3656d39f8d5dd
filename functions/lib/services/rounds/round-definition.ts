// The questionnaire version a round pins, as the validator and the exports read it.
import type { CompiledDefinition } from '@shared/questionnaire/compile';
import type { Definition } from '@shared/questionnaire/definition';
import { pinnedRound, type StoredRound } from '@shared/rounds/round';
import type { PublishedDefinitions } from '../surveys/published-definitions';

/** A round only ever pins a published version, so a missing one is a broken store, not bad input. */
function missing(round: StoredRound): never {
  const { surveyId, surveyVersion } = pinnedRound(round);
  throw new Error(`round ${round.id} pins ${surveyId} v${surveyVersion}, which is not published`);
}

export async function roundDefinition(round: StoredRound, definitions: PublishedDefinitions): Promise<Definition> {
  const { surveyId, surveyVersion } = pinnedRound(round);
  return (await definitions.get(surveyId, surveyVersion)) ?? missing(round);
}

export async function compiledRoundDefinition(round: StoredRound, definitions: PublishedDefinitions): Promise<CompiledDefinition> {
  const { surveyId, surveyVersion } = pinnedRound(round);
  return (await definitions.compiled(surveyId, surveyVersion)) ?? missing(round);
}
