// Lookups over the flat area list (the tree a scope check walks). No zod here: the web app's initial chunk
// groups villages by ward with it, and the schemas of areas.ts load later with the API client's parsing.
// areas.ts names it `AreaTree` for its own Area type; this module imports nothing of areas.ts.

export const AREA_LEVELS = ['province', 'district', 'ward', 'village'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** What the lookups read of an area. */
export interface TreeArea {
  code: string;
  level: AreaLevel;
  parentCode: string | null;
}

/** Lookups over a flat area list. */
export class AreaTreeOf<Area extends TreeArea> {
  private readonly byCode = new Map<string, Area>();
  // Built on first use, in one pass over the wards: a province of 600 wards asks for the wards of every area,
  // and walking every ward's ancestors per area made that quadratic.
  private wardIndex: Map<string, Area[]> | undefined;
  private readonly levels = new Map<AreaLevel, Area[]>();

  /** `setId`: the area set the list is, where known (users' areas moved to a set are read only in it). */
  constructor(
    readonly areas: readonly Area[],
    readonly setId?: string,
  ) {
    for (const area of areas) this.byCode.set(area.code, area);
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  ofLevel(level: AreaLevel): Area[] {
    let found = this.levels.get(level);
    if (!found) {
      found = this.areas.filter((a) => a.level === level);
      this.levels.set(level, found);
    }
    return [...found];
  }

  /** True when `code` is `ancestorCode` itself or lies below it. */
  isWithin(code: string, ancestorCode: string): boolean {
    for (let area = this.byCode.get(code); area; area = area.parentCode ? this.byCode.get(area.parentCode) : undefined) {
      if (area.code === ancestorCode) return true;
    }
    return false;
  }

  /** True when `code` lies within any of `scopeCodes`. */
  isWithinAny(code: string, scopeCodes: readonly string[]): boolean {
    return scopeCodes.some((scope) => this.isWithin(code, scope));
  }

  /** The ward a village belongs to, or undefined when the code is not a village. */
  wardOfVillage(villageCode: string): Area | undefined {
    const village = this.byCode.get(villageCode);
    if (village?.level !== 'village' || !village.parentCode) return undefined;
    return this.byCode.get(village.parentCode);
  }

  /** Wards at or below `code` (a ward returns itself). */
  wardsWithin(code: string): Area[] {
    return [...(this.wardsIndex().get(code) ?? [])];
  }

  /** Per area code, its wards (a ward lists itself) in the order of the area list. */
  private wardsIndex(): Map<string, Area[]> {
    if (this.wardIndex) return this.wardIndex;
    const index = new Map<string, Area[]>();
    for (const ward of this.areas) {
      if (ward.level !== 'ward') continue;
      const seen = new Set<string>();
      for (let area: Area | undefined = ward; area && !seen.has(area.code); area = area.parentCode ? this.byCode.get(area.parentCode) : undefined) {
        seen.add(area.code);
        let wards = index.get(area.code);
        if (!wards) {
          wards = [];
          index.set(area.code, wards);
        }
        wards.push(ward);
      }
    }
    this.wardIndex = index;
    return index;
  }
}
