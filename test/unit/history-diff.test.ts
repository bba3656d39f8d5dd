import { describe, expect, it } from 'vitest';
import { diffImages, historyEntryOf } from '../../shared/history/diff-images';
import { likelyDuplicates, similarAddress } from '../../shared/households/likely-duplicates';

const base = {
  id: 'r1',
  version: 1,
  updatedAt: '2026-11-24T08:00:00.000Z',
  updatedBy: 'collector-14815',
  bodyHash: 'a',
  household: { head_name: 'Nguyễn Văn Đức', internet: true },
  members: [{ name: 'A', smartphone: true }],
};

describe('diffImages', () => {
  it('names each changed leaf with its path, from and to', () => {
    const next = {
      ...base,
      version: 2,
      bodyHash: 'b',
      household: { ...base.household, internet: false },
      members: [{ name: 'A', smartphone: false }, { name: 'B' }],
    };
    expect(diffImages(base, next)).toEqual([
      { path: 'household.internet', from: true, to: false },
      { path: 'members[0].smartphone', from: true, to: false },
      { path: 'members[1].name', from: null, to: 'B' },
    ]);
  });

  it('leaves bookkeeping out (version, hash, who and when, index keys)', () => {
    expect(diffImages(base, { ...base, version: 5, bodyHash: 'z', updatedBy: 'x', roundWard: 'q' })).toEqual([]);
  });
});

describe('historyEntryOf', () => {
  it('is a create without an old image, a delete when the new one is a tombstone, review when only review changed', () => {
    expect(historyEntryOf(undefined, base)).toMatchObject({ version: 1, action: 'create', by: 'collector-14815' });
    expect(historyEntryOf(base, { ...base, version: 2, deletedAt: 'x' })).toMatchObject({ action: 'delete', changes: [] });
    const reviewed = { ...base, version: 2, review: { state: 'approved', by: 'official' } };
    expect(historyEntryOf(base, reviewed)).toMatchObject({ action: 'review' });
  });

  it('keeps the reason only on the version it explains', () => {
    const corrected = { ...base, version: 2, household: { ...base.household, internet: false }, changeReason: { reason: 'sai', version: 2 } };
    expect(historyEntryOf(base, corrected)?.reason).toBe('sai');
    expect(historyEntryOf(corrected, { ...corrected, version: 3, household: base.household })?.reason).toBeUndefined();
  });

  it('makes no entry for a replayed or older record', () => {
    expect(historyEntryOf({ ...base, version: 2 }, { ...base, version: 2 })).toBeUndefined();
  });
});

describe('likelyDuplicates', () => {
  const household = (id: string, headName: string, address?: string, phone?: string, householdCode?: string) => ({
    id,
    villageCode: 'v1',
    headName,
    address,
    phone,
    householdCode,
  });

  it('pairs the same head name without diacritics or case and a similar address', () => {
    const pairs = likelyDuplicates([household('b', 'Nguyễn Văn Đức', 'Số 5, đường Trần Phú'), household('a', 'NGUYEN VAN DUC', 'so 5 Tran Phu')]);
    expect(pairs).toEqual([{ a: 'a', b: 'b', villageCode: 'v1', why: ['name', 'address'] }]);
  });

  it('pairs on the same phone, and leaves out roster households, other names and pairs kept apart', () => {
    expect(likelyDuplicates([household('a', 'Lê Thị Mai', 'Xóm 1', '0912345678'), household('b', 'le thi mai', 'Xóm 9', '+84912345678')])[0].why).toEqual([
      'name',
      'phone',
    ]);
    expect(likelyDuplicates([household('a', 'Lê Mai', 'Số 5'), household('b', 'Lê Mai', 'Số 5', undefined, 'LS-1')])).toEqual([]);
    expect(likelyDuplicates([household('a', 'Lê Mai', 'Số 5'), household('b', 'Lê Hoa', 'Số 5')])).toEqual([]);
    expect(likelyDuplicates([household('a', 'Lê Mai', 'Số 5 Lý'), household('b', 'Lê Mai', 'Số 5 Lý')], new Set(['a#b']))).toEqual([]);
  });

  it('needs more than a shared head name', () => {
    expect(likelyDuplicates([household('a', 'Lê Mai', 'Đồi Chè'), household('b', 'Lê Mai', 'Bến Tre')])).toEqual([]);
    expect(similarAddress('', 'x')).toBe(false);
  });
});
