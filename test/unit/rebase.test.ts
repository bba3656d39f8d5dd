import type { MappingLink } from '@shared/areas/area-set';
import { type Area, AreaTree } from '@shared/areas/areas';
import { BIM_SON_2020, BIM_SON_2025 } from '@shared/areas/bim-son-2025';
import { rebaseTallies } from '@shared/indicators/rebase';
import { describe, expect, it } from 'vitest';

const unit = (code: string, level: Area['level'], parentCode: string | null, households: number | null = null): Area => ({
  code,
  name: `U ${code}`,
  level,
  parentCode,
  households,
});

// Old: A, B, C under district D; C has villages c1, c2. New: X (A + B + part of C), Y (rest of C).
const OLD = new AreaTree([
  unit('P', 'province', null),
  unit('D', 'district', 'P'),
  unit('A', 'ward', 'D', 10),
  unit('B', 'ward', 'D', 20),
  unit('C', 'ward', 'D', 30),
  unit('c1', 'village', 'C'),
  unit('c2', 'village', 'C'),
]);
const NEW = new AreaTree([unit('P', 'province', null), unit('X', 'ward', 'P'), unit('Y', 'ward', 'P'), unit('c1', 'village', 'X'), unit('c2', 'village', 'Y')]);

describe('re-basing tallies onto another area set', () => {
  it('sums merged units exactly, numerators and denominators alike, and their household totals', () => {
    const links: MappingLink[] = [
      { from: 'A', to: 'X' },
      { from: 'B', to: 'X' },
    ];
    const tallies = new Map([
      ['A', { households: 2, 'x:n': 1, 'x:d': 2 }],
      ['B', { households: 3, 'x:n': 2, 'x:d': 3 }],
    ]);
    const out = rebaseTallies({
      links,
      oldTree: OLD,
      newTree: NEW,
      tallies,
      totals: new Map([
        ['A', 10],
        ['B', 20],
      ]),
    });
    expect(out.tallies.get('X')).toEqual({ households: 5, 'x:n': 3, 'x:d': 5 });
    expect(out.tree.get('X')?.households).toBe(30);
    expect(out.notes.size).toBe(0);
  });

  it('splits a unit by its villages, each village to its new ward', () => {
    const links: MappingLink[] = [
      { from: 'A', to: 'X' },
      { from: 'c1', to: 'c1' },
      { from: 'c2', to: 'c2' },
      { from: 'C', to: 'X' },
      { from: 'C', to: 'Y' },
    ];
    const tallies = new Map([
      ['A', { households: 1 }],
      ['C', { households: 5 }],
      ['c1', { households: 2 }],
      ['c2', { households: 3 }],
    ]);
    const out = rebaseTallies({
      links,
      oldTree: OLD,
      newTree: NEW,
      tallies,
      totals: new Map([
        ['A', 10],
        ['C', 30],
      ]),
    });
    // The ward-level links of C are ignored once its villages are mapped: nothing counts twice.
    expect(out.tallies.get('X')).toEqual({ households: 3 });
    expect(out.tallies.get('Y')).toEqual({ households: 3 });
    // A village's households are not known from statistics.
    expect(out.tree.get('X')?.households).toBeNull();
  });

  it('leaves out, with a note, a unit split whole between two wards with no village list', () => {
    const links: MappingLink[] = [
      { from: 'C', to: 'X' },
      { from: 'C', to: 'Y' },
      { from: 'A', to: 'X' },
    ];
    const out = rebaseTallies({
      links,
      oldTree: OLD,
      newTree: NEW,
      tallies: new Map([
        ['A', { households: 1 }],
        ['C', { households: 5 }],
      ]),
      totals: new Map(),
    });
    expect(out.tallies.get('X')).toEqual({ households: 1 });
    expect(out.notes.get('X')).toEqual([{ key: 'rebase.split_without_villages', units: ['C'], names: ['U C'] }]);
  });

  it('counts a unit with no responses as zero households surveyed, its total still known', () => {
    const links: MappingLink[] = [
      { from: 'A', to: 'X' },
      { from: 'B', to: 'X' },
    ];
    const out = rebaseTallies({
      links,
      oldTree: OLD,
      newTree: NEW,
      tallies: new Map([['A', { households: 2 }]]),
      totals: new Map([
        ['A', 10],
        ['B', 20],
      ]),
    });
    expect(out.tallies.get('X')).toEqual({ households: 2 });
    expect(out.tree.get('X')?.households).toBe(30);
    expect(out.notes.size).toBe(0);
  });

  it('notes Hà Vinh on Phường Bỉm Sơn: it joined from outside the 2020 set', () => {
    const links = BIM_SON_2025.mappings[0].links;
    const out = rebaseTallies({
      links,
      oldTree: new AreaTree(BIM_SON_2020.units),
      newTree: new AreaTree(BIM_SON_2025.units),
      tallies: new Map([
        ['14815', { households: 4 }],
        ['14809', { households: 1 }],
      ]),
      totals: new Map(),
    });
    expect(out.tallies.get('14812')).toEqual({ households: 4 });
    expect(out.tallies.get('14818')).toEqual({ households: 1 });
    expect(out.notes.get('14812')).toEqual([{ key: 'rebase.not_surveyed', units: ['15277'], names: ['Xã Hà Vinh (huyện Hà Trung cũ)'] }]);
    expect(out.notes.get('14818')).toBeUndefined();
  });
});
