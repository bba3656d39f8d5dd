// The areas a user works in, from the flat list of GET /api/areas.
import type { User } from '@shared/api/contract';
import { AreaTreeOf } from '@shared/areas/area-tree';
import type { Area } from '@shared/areas/areas';
import type { Lang } from '@shared/survey/form';

export interface WardVillages {
  ward: Area;
  villages: Area[];
}

/** Villages the user may collect in, grouped by ward (admin: every ward). */
export function villagesOfUser(areas: readonly Area[], user: Pick<User, 'role' | 'areas'>): WardVillages[] {
  const tree = new AreaTreeOf<Area>(areas);
  const wards = tree.ofLevel('ward').filter((ward) => user.role === 'admin' || tree.isWithinAny(ward.code, user.areas));
  return wards
    .map((ward) => ({ ward, villages: areas.filter((area) => area.level === 'village' && area.parentCode === ward.code) }))
    .filter((group) => group.villages.length > 0);
}

/** The name to show: English where the area has one and English is chosen. */
export function areaName(area: Pick<Area, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && area.nameEn ? area.nameEn : area.name;
}
