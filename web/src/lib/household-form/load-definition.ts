// The questionnaire version a round pins, for the form: the built-in household-dx v1 as it is, any other from
// the device (a published version never changes, so a copy kept once is good offline for ever), else the API.
import { type Definition, DefinitionSchema, HOUSEHOLD_DX_V1 } from '@shared/questionnaire';
import { api } from '../platform/api';
import { loadDefinitionText, saveDefinitionText } from '../platform/storage';

function parse(text: string | null): Definition | undefined {
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as { definition?: unknown };
    const parsed = DefinitionSchema.safeParse(data.definition ?? data);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The definition of `surveyId` version `version`; fails only offline for a version never seen on this device. */
export async function loadDefinition(surveyId: string, version: number): Promise<Definition> {
  if (surveyId === HOUSEHOLD_DX_V1.id && version === HOUSEHOLD_DX_V1.version) return HOUSEHOLD_DX_V1;
  const kept = parse(loadDefinitionText(surveyId, version));
  if (kept) return kept;
  const text = await api.getSurveyDefinitionText(surveyId, version);
  const fetched = parse(text);
  if (!fetched) throw new Error(`unreadable questionnaire ${surveyId} v${version}`);
  saveDefinitionText(surveyId, version, text);
  return fetched;
}
