// Which area set a roster belongs to. Rosters stored before area sets existed carry no set: they are the
// installation's own set's, and stay where they are (no migration), so "no set" and that set are one.
import { CURRENT_AREA_SET_ID } from '../areas/bim-son';

/** The set a roster call names: `areaSetId`, or the installation's own when none is given. */
export const rosterSetOf = (areaSetId?: string): string => areaSetId ?? CURRENT_AREA_SET_ID;

/** Whether rosters of the set live under the keys rosters always had (the installation's own set). */
export const isLegacyRosterSet = (areaSetId?: string): boolean => rosterSetOf(areaSetId) === CURRENT_AREA_SET_ID;
