// Coverage: how many of a ward's households the round has reached, per village, so a percentage is read
// beside the number of households it stands on.
import * as z from 'zod/mini';
import type { AreaTree } from '../areas/areas';
import { percentOf } from '../indicators/results';
import type { WardRoster } from './roster';

const CountsSchema = {
  /** Distinct households with a live response: by roster code where one was chosen, else one per response. */
  surveyed: z.number(),
  /** Of those, households found in the roster. */
  onRoster: z.number(),
  /** Households in the roster; null without a roster (the ward's official statistic stands in at ward level). */
  total: z.nullable(z.number()),
  /** surveyed / total, 0..100 with one decimal; null without a total. */
  percent: z.nullable(z.number()),
};

export const VillageCoverageSchema = z.object({ villageCode: z.string(), name: z.string(), ...CountsSchema });
export type VillageCoverage = z.infer<typeof VillageCoverageSchema>;

export const WardCoverageSchema = z.object({
  roundId: z.string(),
  wardCode: z.string(),
  name: z.string(),
  rosterImportedAt: z.nullable(z.string()),
  ...CountsSchema,
  villages: z.array(VillageCoverageSchema),
});
export type WardCoverage = z.infer<typeof WardCoverageSchema>;

export interface SurveyedHousehold {
  id: string;
  villageCode: string;
  householdCode?: string;
}

interface Counts {
  households: Set<string>;
  onRoster: Set<string>;
}

/** Coverage of one ward from its live responses and its roster (pointer counts and household codes). */
export function wardCoverage(
  roundId: string,
  wardCode: string,
  tree: AreaTree,
  responses: Iterable<SurveyedHousehold>,
  roster: { pointer: WardRoster; codes: ReadonlySet<string> } | undefined,
): WardCoverage {
  const byVillage = new Map<string, Counts>();
  const counts = (village: string) => {
    const found = byVillage.get(village) ?? { households: new Set<string>(), onRoster: new Set<string>() };
    byVillage.set(village, found);
    return found;
  };
  for (const response of responses) {
    const village = counts(response.villageCode);
    village.households.add(response.householdCode ? `code:${response.householdCode}` : `response:${response.id}`);
    if (response.householdCode && roster?.codes.has(response.householdCode)) village.onRoster.add(response.householdCode);
  }
  const villageCodes = tree.areas.filter((a) => a.level === 'village' && a.parentCode === wardCode).map((a) => a.code);
  for (const code of byVillage.keys()) if (!villageCodes.includes(code)) villageCodes.push(code);
  const villages = villageCodes.map((villageCode): VillageCoverage => {
    const found = byVillage.get(villageCode);
    const surveyed = found?.households.size ?? 0;
    const total = roster ? (roster.pointer.villages[villageCode] ?? 0) : null;
    return {
      villageCode,
      name: tree.get(villageCode)?.name ?? villageCode,
      surveyed,
      onRoster: found?.onRoster.size ?? 0,
      total,
      percent: total === null ? null : percentOf(surveyed, total),
    };
  });
  const surveyed = villages.reduce((sum, v) => sum + v.surveyed, 0);
  const total = roster ? roster.pointer.households : (tree.get(wardCode)?.households ?? null);
  return {
    roundId,
    wardCode,
    name: tree.get(wardCode)?.name ?? wardCode,
    rosterImportedAt: roster?.pointer.importedAt ?? null,
    surveyed,
    onRoster: villages.reduce((sum, v) => sum + v.onRoster, 0),
    total,
    percent: total === null ? null : percentOf(surveyed, total),
    villages,
  };
}

/**
 * How a coverage figure reads: a percentage up to 100 %; above it (more households surveyed than the roster or the
 * official statistic holds: an old roster, or households recorded twice) a warning with both counts, never "612 %".
 */
export type CoverageReading = { kind: 'none' } | { kind: 'percent'; percent: number } | { kind: 'over'; surveyed: number; total: number };

export function readCoverage(surveyed: number, total: number | null): CoverageReading {
  if (!total) return { kind: 'none' };
  if (surveyed > total) return { kind: 'over', surveyed, total };
  return { kind: 'percent', percent: percentOf(surveyed, total) ?? 0 };
}
