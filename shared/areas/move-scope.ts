// Moving a user's areas to a newer area set through the mapping stored with it, instead of an admin re-typing
// them: each code of the older set becomes the codes of the newer set that hold what it held. Pure.
import type { MappingLink } from './area-set';
import type { Area, AreaTree } from './areas';

export interface MovedCode {
  from: string;
  /** Codes of the newer set (empty: nothing maps, the code is dropped). */
  to: string[];
}

export interface MovedScope {
  codes: MovedCode[];
  /** The new list, each code once, in the order found. */
  areas: string[];
  /** Codes that map to nothing in the newer set. */
  unmapped: string[];
}

/** The ward of the newer set a link lands in (a village link lands in its ward). */
function wardOf(tree: AreaTree, code: string): Area | undefined {
  const unit = tree.get(code);
  return unit?.level === 'village' ? tree.wardOfVillage(code) : unit?.level === 'ward' ? unit : undefined;
}

/**
 * Each old code, mapped: a ward to the new wards it (or its villages) went to; a village to its linked village,
 * else to the same code where the newer set kept it, else to the ward its old ward went to when that is one
 * ward; a unit above the wards to the same code where the newer set keeps it at that level (the province), else
 * to the new wards of all its wards. A merged ward therefore brings the whole new ward: the preview shows it.
 */
export function moveScope(codes: readonly string[], links: readonly MappingLink[], oldTree: AreaTree, newTree: AreaTree): MovedScope {
  const targets = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = targets.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    targets.set(from, list);
  };
  const villageLinks = new Map<string, string>();
  for (const link of links) {
    const from = oldTree.get(link.from);
    const ward = wardOf(newTree, link.to);
    if (!from || !ward) continue;
    if (from.level === 'village') {
      villageLinks.set(from.code, link.to);
      if (from.parentCode) add(from.parentCode, ward.code);
    } else if (from.level === 'ward') add(from.code, ward.code);
  }
  const wardTargets = (ward: string) => targets.get(ward) ?? [];
  const moved = codes.map((code): MovedCode => {
    const unit = oldTree.get(code);
    if (!unit) return { from: code, to: [] };
    if (unit.level === 'ward') return { from: code, to: [...wardTargets(code)] };
    if (unit.level === 'village') {
      const linked = villageLinks.get(code);
      if (linked) return { from: code, to: [linked] };
      if (newTree.get(code)?.level === 'village') return { from: code, to: [code] };
      const wards = unit.parentCode ? wardTargets(unit.parentCode) : [];
      return { from: code, to: wards.length === 1 ? [...wards] : [] };
    }
    if (newTree.get(code)?.level === unit.level) return { from: code, to: [code] };
    return { from: code, to: [...new Set(oldTree.wardsWithin(code).flatMap((ward) => wardTargets(ward.code)))] };
  });
  // Each code's targets in the newer set's own order, whatever order the links came in.
  const position = new Map(newTree.areas.map((area, i) => [area.code, i]));
  for (const m of moved) m.to.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  return {
    codes: moved,
    areas: [...new Set(moved.flatMap((m) => m.to))],
    unmapped: moved.filter((m) => m.to.length === 0).map((m) => m.from),
  };
}
