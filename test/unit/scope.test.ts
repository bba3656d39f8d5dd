// The one ward/village/scope check shared by the links, roster and response routes.

import type { User } from '@shared/api/contract';
import { AreaTree } from '@shared/areas/areas';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { describe, expect, it } from 'vitest';
import { assertVillageOfWard } from '../../functions/lib/access/scope';
import { ForbiddenError, ValidationError } from '../../functions/lib/errors';

const tree = new AreaTree(BIM_SON_AREAS);
const collector: User = { username: 'collector-14815', role: 'collector', areas: ['14815'] };
const official: User = { username: 'official', role: 'official', areas: ['381'] };
const admin: User = { username: 'admin', role: 'admin', areas: ['38'] };

/** What the check throws: the error's class and its issues' paths, or 'ok'. */
function outcome(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ForbiddenError) return `${error.constructor.name} ${error.issues.map((i) => i.path).join(',')}`;
    throw error;
  }
}

describe('assertVillageOfWard', () => {
  it('passes a collector of the ward, with or without a village of it, and an admin anywhere', () => {
    expect(outcome(() => assertVillageOfWard(tree, collector, '14815', '14815-khu-pho-1'))).toBe('ok');
    expect(outcome(() => assertVillageOfWard(tree, collector, '14815', undefined))).toBe('ok');
    expect(outcome(() => assertVillageOfWard(tree, admin, '14809', '14809-khu-pho-2'))).toBe('ok');
  });

  it('checks the ward, then the village, then who asks: 400 wardCode, 400 villageCode, 403 wardCode', () => {
    expect(outcome(() => assertVillageOfWard(tree, collector, '14815-khu-pho-1', undefined))).toBe('ValidationError wardCode');
    expect(outcome(() => assertVillageOfWard(tree, collector, 'nope', '14815-khu-pho-1'))).toBe('ValidationError wardCode');
    expect(outcome(() => assertVillageOfWard(tree, collector, '14815', '14809-khu-pho-1'))).toBe('ValidationError villageCode');
    expect(outcome(() => assertVillageOfWard(tree, collector, '14809', '14815-khu-pho-1'))).toBe('ValidationError villageCode');
    expect(outcome(() => assertVillageOfWard(tree, collector, '14809', '14809-khu-pho-1'))).toBe('ForbiddenError wardCode');
    expect(outcome(() => assertVillageOfWard(tree, official, '14815', undefined))).toBe('ForbiddenError wardCode');
  });

  it("takes an actor's own rule in place of a user (a self-report link), asked only once the areas are valid", () => {
    const asked: string[] = [];
    const rule = (allowed: boolean) => () => {
      asked.push('asked');
      return allowed;
    };
    expect(outcome(() => assertVillageOfWard(tree, rule(true), '14809', '14809-khu-pho-1'))).toBe('ok');
    expect(outcome(() => assertVillageOfWard(tree, rule(false), '14815', '14815-khu-pho-1'))).toBe('ForbiddenError wardCode');
    expect(outcome(() => assertVillageOfWard(tree, rule(true), '14815', '14809-khu-pho-1'))).toBe('ValidationError villageCode');
    expect(asked).toHaveLength(2);
  });
});
