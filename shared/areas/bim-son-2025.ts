// The two Bỉm Sơn area sets a fresh installation ships: the seven units before 1 July 2025 (the area list the
// installation has always served) and the two wards after, built from the 2025 data file. Kept apart from
// areas.ts so the web bundle never carries the data files.

import bimSon from '../data/areas-bim-son.json';
import next from '../data/areas-bim-son-2025.json';
import type { AreaSet, MappingLink } from './area-set';
import type { Area } from './areas';
import { type AreaFile, BIM_SON_AREAS, CURRENT_AREA_SET_ID } from './bim-son';

interface NextFile {
  id: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  fromSetId: string;
  wards: {
    code: string;
    vi: string;
    en: string;
    from: string[];
    fromNames?: Record<string, string>;
    extraVillages: { code: string; vi: string; placeholder?: boolean }[];
  }[];
}

/** The units before the reorganisation: province → town → 7 wards/communes → villages. */
export const BIM_SON_2020: AreaSet = {
  id: CURRENT_AREA_SET_ID,
  name: 'Bỉm Sơn đến 30/6/2025',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2025-06-30',
  levels: ['province', 'district', 'ward', 'village'],
  units: BIM_SON_AREAS,
  mappings: [],
};

function buildNext(file: NextFile, old: AreaFile): AreaSet {
  const oldWards = new Map(old.wards.map((w) => [w.code, w]));
  const units: Area[] = [{ code: old.province.code, name: old.province.vi, nameEn: old.province.en, level: 'province', parentCode: null }];
  const links: MappingLink[] = [];
  for (const ward of file.wards) {
    const joined = ward.from.map((code) => oldWards.get(code)).filter((w) => w !== undefined);
    // Known only when every unit that joined is known: Hà Vinh's households are not in the old data.
    const households =
      joined.length === ward.from.length && joined.every((w) => typeof w.households === 'number') ? joined.reduce((s, w) => s + (w.households ?? 0), 0) : null;
    units.push({ code: ward.code, name: ward.vi, nameEn: ward.en, level: 'ward', parentCode: old.province.code, households });
    for (const from of joined)
      for (const village of from.villages) units.push({ code: village.code, name: village.vi, level: 'village', parentCode: ward.code });
    for (const village of ward.extraVillages) units.push({ code: village.code, name: village.vi, level: 'village', parentCode: ward.code });
    for (const from of ward.from) links.push(ward.fromNames?.[from] ? { from, to: ward.code, fromName: ward.fromNames[from] } : { from, to: ward.code });
  }
  return {
    id: file.id,
    name: file.name,
    effectiveFrom: file.effectiveFrom,
    effectiveTo: file.effectiveTo,
    levels: ['province', 'ward', 'village'],
    units,
    mappings: [{ fromSetId: file.fromSetId, links }],
  };
}

/** Phường Bỉm Sơn and Phường Quang Trung with the villages carried over, mapped from the 2020 set. */
export const BIM_SON_2025: AreaSet = buildNext(next as NextFile, bimSon as AreaFile);

/** The area sets a fresh installation is seeded with, oldest first. */
export const BIM_SON_AREA_SETS: readonly AreaSet[] = [BIM_SON_2020, BIM_SON_2025];
