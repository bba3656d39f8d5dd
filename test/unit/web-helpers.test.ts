// Small pure helpers of the web app: download names, rounds, villages of a user, routes, ids, numbers.

import type { Round } from '@shared/api/contract';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { describe, expect, it } from 'vitest';
import { villagesOfUser } from '../../web/src/lib/platform/areas';
import { filenameFromContentDisposition } from '../../web/src/lib/platform/download';
import { formatPercent, formatTarget } from '../../web/src/lib/platform/format';
import { newResponseId } from '../../web/src/lib/platform/ids';
import { openRound, resultsRound } from '../../web/src/lib/platform/rounds';
import { href, parseHash } from '../../web/src/lib/platform/use-route';

describe('filenameFromContentDisposition', () => {
  it('prefers filename*, falls back to filename, then to the default', () => {
    expect(filenameFromContentDisposition(`attachment; filename="a.csv"; filename*=UTF-8''k%E1%BA%BFt-qu%E1%BA%A3.csv`, 'x.csv')).toBe('kết-quả.csv');
    expect(filenameFromContentDisposition('attachment; filename="phieu-cds-2024-ward.csv"', 'x.csv')).toBe('phieu-cds-2024-ward.csv');
    expect(filenameFromContentDisposition('attachment; filename=plain.csv', 'x.csv')).toBe('plain.csv');
    expect(filenameFromContentDisposition(null, 'phieu-aggregates-cds-2024.csv')).toBe('phieu-aggregates-cds-2024.csv');
    expect(filenameFromContentDisposition('attachment', 'x.csv')).toBe('x.csv');
  });

  it('never lets the header choose a directory', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('passwd');
  });
});

const round = (id: string, opensAt: string, closesAt: string): Round => ({
  id,
  name: id,
  form: 'household-dx',
  formVersion: 1,
  referenceYear: 2024,
  opensAt,
  closesAt,
});

describe('openRound and resultsRound', () => {
  const rounds = [round('old', '2023-01-01T00:00:00Z', '2023-12-31T00:00:00Z'), round('cds-2024', '2024-06-01T00:00:00+07:00', '2027-12-31T23:59:59+07:00')];

  it('takes the round with opensAt ≤ now < closesAt', () => {
    expect(openRound(rounds, new Date('2025-01-01T00:00:00Z'))?.id).toBe('cds-2024');
    expect(openRound(rounds, new Date('2024-05-31T16:59:59Z'))).toBeUndefined();
    expect(openRound(rounds, new Date('2024-05-31T17:00:00Z'))?.id).toBe('cds-2024');
  });

  it('shows results of the last round that opened when none is open', () => {
    expect(resultsRound(rounds, new Date('2024-03-01T00:00:00Z'))?.id).toBe('old');
    expect(resultsRound(rounds, new Date('2022-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('villagesOfUser', () => {
  it('gives a collector the villages of their own ward only', () => {
    const groups = villagesOfUser(BIM_SON_AREAS, { role: 'collector', areas: ['14815'] });
    expect(groups.map((g) => g.ward.code)).toEqual(['14815']);
    expect(groups[0].villages.length).toBeGreaterThan(0);
    expect(groups[0].villages.every((v) => v.parentCode === '14815' && v.level === 'village')).toBe(true);
  });

  it('gives an admin every ward', () => {
    expect(villagesOfUser(BIM_SON_AREAS, { role: 'admin', areas: [] }).length).toBe(BIM_SON_AREAS.filter((a) => a.level === 'ward').length);
  });
});

describe('routes', () => {
  it('round-trips segments through the hash, escaped', () => {
    expect(parseHash(href('collect', '14815-khu-pho-1', 'new'))).toEqual(['collect', '14815-khu-pho-1', 'new']);
    expect(parseHash('#/a%20b/')).toEqual(['a b']);
    expect(parseHash('')).toEqual([]);
  });
});

describe('newResponseId', () => {
  it('makes a v4 UUID even without crypto.randomUUID', () => {
    const withoutRandomUuid = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const id = newResponseId(withoutRandomUuid);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('formatPercent', () => {
  it("shows one decimal with the language's decimal mark, and a dash for none", () => {
    expect(formatPercent(66.7, 'vi')).toBe('66,7%');
    expect(formatPercent(100, 'en')).toBe('100.0%');
    expect(formatPercent(null, 'vi')).toBe('—');
    expect(formatTarget(95, 'vi')).toBe('95%');
  });
});
