import { type Area, AreaTree } from '@shared/areas/areas';
import { BIM_SON_2020, BIM_SON_2025 } from '@shared/areas/bim-son-2025';
import { formedWithin, formingUnits } from '@shared/areas/formed-by';
import { describe, expect, it } from 'vitest';

const unit = (code: string, level: Area['level'], parentCode: string | null): Area => ({ code, name: code, level, parentCode });
// Old: A and B merge into X; C is split by villages: c1 to X, c2 to Y. Z was formed of nothing.
const OLD = new AreaTree([
  unit('P', 'province', null),
  unit('A', 'ward', 'P'),
  unit('B', 'ward', 'P'),
  unit('C', 'ward', 'P'),
  unit('c1', 'village', 'C'),
  unit('c2', 'village', 'C'),
]);
const NEW = new AreaTree([
  unit('P', 'province', null),
  unit('X', 'ward', 'P'),
  unit('Y', 'ward', 'P'),
  unit('Z', 'ward', 'P'),
  unit('c1', 'village', 'X'),
  unit('y2', 'village', 'Y'),
]);
const LINKS = [
  { from: 'A', to: 'X' },
  { from: 'B', to: 'X' },
  { from: 'c1', to: 'c1' },
  { from: 'c2', to: 'y2' },
  { from: 'gone', to: 'Y', fromName: 'A unit the old set lacks' },
];

describe('formingUnits', () => {
  it('lists per new ward the old units linked to it or its villages, leaving out units the old set lacks', () => {
    expect(formingUnits(LINKS, OLD, NEW)).toEqual(
      new Map([
        ['X', ['A', 'B', 'c1']],
        ['Y', ['c2']],
      ]),
    );
  });
});

describe('formedWithin', () => {
  const sources = formingUnits(LINKS, OLD, NEW);
  const holder = (codes: string[]) => (old: string) => codes.some((code) => OLD.isWithin(old, code));

  it('is true only when every unit that formed every ward of the area is readable', () => {
    expect(formedWithin('X', NEW, sources, holder(['A', 'B', 'C']))).toBe(true);
    expect(formedWithin('X', NEW, sources, holder(['A', 'B']))).toBe(false);
    expect(formedWithin('Y', NEW, sources, holder(['C']))).toBe(true);
  });

  it('gives nobody a ward nothing formed, an area without wards, or a village', () => {
    expect(formedWithin('Z', NEW, sources, () => true)).toBe(false);
    expect(formedWithin('P', NEW, sources, () => true)).toBe(false);
    expect(formedWithin('c1', NEW, sources, () => true)).toBe(false);
    expect(formedWithin('nowhere', NEW, sources, () => true)).toBe(false);
  });

  it('gives the town official Phường Bỉm Sơn, and the Ba Đình official (14812 of 2020) neither new ward', () => {
    const old = new AreaTree(BIM_SON_2020.units);
    const next = new AreaTree(BIM_SON_2025.units);
    const links = BIM_SON_2025.mappings.find((m) => m.fromSetId === BIM_SON_2020.id)!.links;
    const formed = formingUnits(links, old, next);
    const official = (code: string) => (unit: string) => old.isWithin(unit, code);
    expect(formedWithin('14812', next, formed, official('381'))).toBe(true);
    expect(formedWithin('38', next, formed, official('381'))).toBe(true);
    expect(formedWithin('14812', next, formed, official('14812'))).toBe(false);
    expect(formedWithin('14818', next, formed, official('14812'))).toBe(false);
  });
});
