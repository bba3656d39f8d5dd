import { areasClaim, readAreasClaim } from '@shared/areas/area-claim';
import { type Area, AreaTree } from '@shared/areas/areas';
import { moveScope } from '@shared/areas/move-scope';
import { describe, expect, it } from 'vitest';

const unit = (code: string, level: Area['level'], parentCode: string | null): Area => ({ code, name: code, level, parentCode });
// Old: A and B merge into X; C is split by villages: c1 to X, c2 to Y. New villages keep their codes.
const OLD = new AreaTree([
  unit('P', 'province', null),
  unit('D', 'district', 'P'),
  unit('A', 'ward', 'D'),
  unit('a1', 'village', 'A'),
  unit('B', 'ward', 'D'),
  unit('C', 'ward', 'D'),
  unit('c1', 'village', 'C'),
  unit('c2', 'village', 'C'),
]);
const NEW = new AreaTree([
  unit('P', 'province', null),
  unit('X', 'ward', 'P'),
  unit('Y', 'ward', 'P'),
  unit('a1', 'village', 'X'),
  unit('c1', 'village', 'X'),
  unit('x2', 'village', 'Y'),
]);
const LINKS = [
  { from: 'A', to: 'X' },
  { from: 'B', to: 'X' },
  { from: 'c1', to: 'c1' },
  { from: 'c2', to: 'x2' },
];

describe("moving a user's areas through a mapping", () => {
  it('maps merged wards to their new ward and a ward split by villages to every ward its villages went to', () => {
    const moved = moveScope(['A', 'B', 'C'], LINKS, OLD, NEW);
    expect(moved.codes).toEqual([
      { from: 'A', to: ['X'] },
      { from: 'B', to: ['X'] },
      { from: 'C', to: ['X', 'Y'] },
    ]);
    expect(moved.areas).toEqual(['X', 'Y']);
    expect(moved.unmapped).toEqual([]);
  });

  it('maps a village by its link or its kept code, a district to the new wards of its wards, and keeps the province', () => {
    const moved = moveScope(['c2', 'a1', 'D', 'P', 'Z'], LINKS, OLD, NEW);
    expect(moved.codes.map((m) => m.to)).toEqual([['x2'], ['a1'], ['X', 'Y'], ['P'], []]);
    expect(moved.unmapped).toEqual(['Z']);
  });

  it('writes the set into the areas claim only for moved users, and reads both back', () => {
    expect(areasClaim({ areas: ['14815'] })).toBe('14815');
    expect(readAreasClaim('14815, 14809')).toEqual({ areas: ['14815', '14809'] });
    const claim = areasClaim({ areas: ['14812', '14818'], areaSetId: 'bim-son-2025' });
    expect(claim).toBe('@bim-son-2025,14812,14818');
    expect(readAreasClaim(claim)).toEqual({ areas: ['14812', '14818'], areaSetId: 'bim-son-2025' });
  });
});
