// Reading a user's areas across a reorganisation: an area of a newer set belongs to a user of the older set only
// when every unit that formed it was theirs (codes were reused, so the same code is no proof). Pure.
import type { MappingLink } from './area-set';
import type { AreaTree } from './areas';

/** Per ward of `newTree`, the units of `oldTree` linked to it or to its villages (units `oldTree` lacks are left out). */
export function formingUnits(links: readonly MappingLink[], oldTree: AreaTree, newTree: AreaTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const link of links) {
    const to = newTree.get(link.to);
    const ward = to?.level === 'village' ? to.parentCode : to?.code;
    if (!ward || !oldTree.get(link.from)) continue;
    out.set(ward, [...(out.get(ward) ?? []), link.from]);
  }
  return out;
}

/**
 * Whether area `code` of `newTree` is readable by one who may read exactly the old units `mayReadOld` accepts:
 * it has wards, and each was formed of old units only, all of them readable. A ward nothing formed is nobody's.
 */
export function formedWithin(
  code: string,
  newTree: AreaTree,
  sources: ReadonlyMap<string, readonly string[]>,
  mayReadOld: (oldCode: string) => boolean,
): boolean {
  const wards = newTree.wardsWithin(code);
  return (
    wards.length > 0 &&
    wards.every((ward) => {
      const from = sources.get(ward.code) ?? [];
      return from.length > 0 && from.every(mayReadOld);
    })
  );
}
