// A user's areas as one text (Cognito's custom:areas, the local stand-in's token): the codes, comma-separated,
// led by `@<set id>` once the user's areas were given in another area set than the installation's own. Users
// whose areas never moved carry no marker and are read in the installation's set, as they always were.

const MARKER = '@';

export interface UserAreas {
  areas: string[];
  /** The area set the codes are read in; absent: the installation's own. */
  areaSetId?: string;
}

/** `['14812', '14818']` in bim-son-2025 → `@bim-son-2025,14812,14818`. */
export function areasClaim({ areas, areaSetId }: UserAreas): string {
  return [...(areaSetId ? [`${MARKER}${areaSetId}`] : []), ...areas].join(',');
}

/** The codes and the set of a claim; a claim without a marker gives no set. */
export function readAreasClaim(claim: string): UserAreas {
  const parts = claim
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  const marker = parts.find((part) => part.startsWith(MARKER));
  const areas = parts.filter((part) => !part.startsWith(MARKER));
  return marker && marker.length > 1 ? { areas, areaSetId: marker.slice(1) } : { areas };
}
