// The Bỉm Sơn area data file flattened into the list the API serves. Kept apart from areas.ts so the web
// bundle (which gets areas from GET /api/areas) never carries the data file.
import bimSon from '../data/areas-bim-son.json';
import type { Area } from './areas';

export interface AreaFile {
  province: { code: string; vi: string; en: string };
  district: { code: string; vi: string; en: string };
  wards: { code: string; vi: string; en: string; households?: number; villages: { code: string; vi: string }[] }[];
}

/** Flattens the project's area data file into the list `GET /api/areas` serves. */
export function flattenAreaFile(file: AreaFile): Area[] {
  const { province, district } = file;
  const areas: Area[] = [
    { code: province.code, name: province.vi, nameEn: province.en, level: 'province', parentCode: null },
    { code: district.code, name: district.vi, nameEn: district.en, level: 'district', parentCode: province.code },
  ];
  for (const ward of file.wards) {
    areas.push({ code: ward.code, name: ward.vi, nameEn: ward.en, level: 'ward', parentCode: district.code, households: ward.households ?? null });
    for (const village of ward.villages) {
      areas.push({ code: village.code, name: village.vi, level: 'village', parentCode: ward.code });
    }
  }
  return areas;
}

/** The Bỉm Sơn areas that a fresh installation is seeded with. */
export const BIM_SON_AREAS: Area[] = flattenAreaFile(bimSon as AreaFile);

/**
 * The id of the installation's one area set until area sets become data (the units before 1 July 2025).
 * Rounds name it; POST /api/rounds accepts only it.
 */
export const CURRENT_AREA_SET_ID = 'bim-son-2020';
