// What every installation starts with: the area list and the first survey round.

import type { Round } from '@shared/api/contract';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import type { ReferenceRepo } from '../repo/types';

export const FIRST_ROUND: Round = {
  id: 'cds-2024',
  name: 'Khảo sát CĐS 2024',
  form: HOUSEHOLD_FORM.id,
  formVersion: HOUSEHOLD_FORM.version,
  referenceYear: 2024,
  opensAt: '2024-06-01T00:00:00+07:00',
  closesAt: '2027-12-31T23:59:59+07:00',
};

/** Writes areas and the first round; safe to run again (puts are idempotent). */
export async function seedReferenceData(reference: ReferenceRepo): Promise<void> {
  await reference.putAreas(BIM_SON_AREAS);
  await reference.putRound(FIRST_ROUND);
}
