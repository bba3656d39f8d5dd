// Questionnaire versions to start tests from: household-dx v2 is v1 with one added household question.
import type { Definition } from '@shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';

export const ADDED_QUESTION = 'solar_power';

export function householdDxV2(overrides: Partial<Definition> = {}): Definition {
  const v1 = structuredClone(HOUSEHOLD_DX_V1);
  return {
    ...v1,
    version: 2,
    title: { vi: 'Khảo sát CĐS hộ gia đình 2026', en: 'Household digital transformation survey 2026' },
    household: [
      ...v1.household,
      { id: ADDED_QUESTION, type: 'yes_no', label: { vi: 'Hộ có dùng điện mặt trời không?', en: 'Does the household use solar power?' }, required: false },
    ],
    ...overrides,
  };
}

/** A 2026 round body for POST /api/rounds. */
export function round2026(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Khảo sát CĐS 2026',
    surveyId: 'household-dx',
    surveyVersion: 2,
    areaSetId: 'bim-son-2020',
    referenceDate: '2026-12-31',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2027-01-31T23:59:59+07:00',
    ...overrides,
  };
}
