// Published questionnaire versions as the API validates and exports with them. A published version never
// changes, so each is read and compiled once per process; drafts are never served from here. household-dx v1
// is built in: it is the questionnaire of every round stored before questionnaires became data, so those rounds
// keep working in a store that was never seeded with it.
import { type CompiledDefinition, compileDefinition } from '@shared/questionnaire/compile';
import type { Definition } from '@shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import type { SurveysRepo } from '../../repo/types';

export interface PublishedDefinitions {
  /** The published version, or undefined when there is none (missing or still a draft). */
  get(surveyId: string, version: number): Promise<Definition | undefined>;
  /** The same, compiled for the answer validator. */
  compiled(surveyId: string, version: number): Promise<CompiledDefinition | undefined>;
  /** The highest published version of a survey. */
  latest(surveyId: string): Promise<Definition | undefined>;
}

export function publishedDefinitions(surveys: Pick<SurveysRepo, 'get' | 'listVersions'>): PublishedDefinitions {
  const cache = new Map<string, Promise<Definition | undefined>>();
  const get = (surveyId: string, version: number) => {
    const key = `${surveyId}#${version}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = surveys.get(surveyId, version).then((record) => (record?.status === 'published' ? record.definition : builtIn(surveyId, version)));
      // Only a published version is final: a miss or a draft is asked again next time.
      entry.then((definition) => definition || cache.delete(key)).catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  };
  return {
    get,
    async compiled(surveyId, version) {
      const definition = await get(surveyId, version);
      return definition && compileDefinition(definition);
    },
    async latest(surveyId) {
      const published = (await surveys.listVersions(surveyId)).filter((record) => record.status === 'published');
      const last = published.at(-1);
      return last ? get(last.id, last.version) : builtIn(surveyId, HOUSEHOLD_DX_V1.version);
    },
  };
}

function builtIn(surveyId: string, version: number): Definition | undefined {
  return surveyId === HOUSEHOLD_DX_V1.id && version === HOUSEHOLD_DX_V1.version ? HOUSEHOLD_DX_V1 : undefined;
}
