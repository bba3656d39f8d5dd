// What every installation starts with: the area list, questionnaire household-dx v1 (published) and the first
// survey round, pinned to it.

import { BIM_SON_AREAS, CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import { BIM_SON_AREA_SETS } from '@shared/areas/bim-son-2025';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import type { StoredRound } from '@shared/rounds/round';
import type { AreaSetsRepo, ReferenceRepo, SurveysRepo } from '../repo/types';

export const FIRST_ROUND: StoredRound = {
  id: 'cds-2024',
  name: 'Khảo sát CĐS 2024',
  surveyId: HOUSEHOLD_DX_V1.id,
  surveyVersion: HOUSEHOLD_DX_V1.version,
  form: HOUSEHOLD_DX_V1.id,
  formVersion: HOUSEHOLD_DX_V1.version,
  areaSetId: CURRENT_AREA_SET_ID,
  referenceDate: '2024-12-31',
  referenceYear: 2024,
  opensAt: '2024-06-01T00:00:00+07:00',
  closesAt: '2027-12-31T23:59:59+07:00',
  countPolicy: 'submitted',
  indicators: HOUSEHOLD_DX_V1.indicators,
};

const SEEDED_AT = '2024-05-01T00:00:00.000Z';

/**
 * Writes areas, household-dx v1 (when given the surveys store), both Bỉm Sơn area sets (when given their store)
 * and the first round; safe to run again (a published v1 and a stored area set are left as they are). Without
 * the store v1 is still served: it is built in (published-definitions).
 */
export async function seedReferenceData(reference: ReferenceRepo, surveys?: SurveysRepo, areaSets?: AreaSetsRepo): Promise<void> {
  await reference.putAreas(BIM_SON_AREAS);
  if (surveys) await seedFirstSurvey(surveys);
  // A stored set never changes: put answers false for one already there, which is what a second run wants.
  if (areaSets) for (const set of BIM_SON_AREA_SETS) if (!(await areaSets.get(set.id))) await areaSets.put(set);
  await reference.putRound(FIRST_ROUND);
}

async function seedFirstSurvey(surveys: SurveysRepo): Promise<void> {
  const { id, version, title } = HOUSEHOLD_DX_V1;
  const stored = await surveys.get(id, version);
  if (stored?.status !== 'published') {
    await surveys.putDraft({ id, version, status: 'draft', title, definition: HOUSEHOLD_DX_V1, createdBy: 'seed', createdAt: SEEDED_AT });
    await surveys.publish(id, version, SEEDED_AT, 'seed');
  }
}
