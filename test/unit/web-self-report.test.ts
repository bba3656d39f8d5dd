// Web helpers of the self-report pages: the household's local draft and the links page's household list.

import type { Link } from '@shared/api/links';
import { describe, expect, it } from 'vitest';
import { emptyForm } from '../../web/src/lib/household-form/form-state';
import { filterRoster, inBatches, parseNamedHouseholds, rosterMarks } from '../../web/src/lib/self-report/named-households';
import { afterConflict } from '../../web/src/lib/self-report/self-conflict';
import { clearSelfDraft, draftToRestore, loadSelfDraft, type SelfDraft, saveSelfDraft } from '../../web/src/lib/self-report/self-draft';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe('self-report draft', () => {
  const state = { ...emptyForm(), household: { head_name: 'Lê Văn Tám' } };
  const draft = (baseVersion: number | null): SelfDraft => ({ state, baseVersion, savedAt: '2026-11-24T08:00:00Z' });

  it('keeps a draft per link and gives it back, then forgets it once sent', () => {
    const storage = memoryStorage();
    saveSelfDraft('link-a', draft(null), storage);
    expect(loadSelfDraft('link-a', storage)).toEqual(draft(null));
    expect(loadSelfDraft('link-b', storage)).toBeUndefined();
    clearSelfDraft('link-a', storage);
    expect(loadSelfDraft('link-a', storage)).toBeUndefined();
  });

  it('ignores what is not a draft (another app version, hand edits)', () => {
    const storage = memoryStorage();
    for (const junk of [
      '{',
      '42',
      '{"state":{"household":{},"members":"x"},"baseVersion":null}',
      '{"state":{"household":{},"members":[]},"baseVersion":"1"}',
    ]) {
      storage.items.set('phieu.self-draft.x', junk);
      expect(loadSelfDraft('x', storage)).toBeUndefined();
    }
  });

  it('restores a draft only while the server still has the version it was started from', () => {
    expect(draftToRestore(draft(null), undefined)).toEqual(draft(null));
    expect(draftToRestore(draft(2), 2)).toEqual(draft(2));
    expect(draftToRestore(draft(null), 1)).toBeUndefined();
    expect(draftToRestore(draft(1), 2)).toBeUndefined();
    expect(draftToRestore(undefined, 2)).toBeUndefined();
  });

  it('survives a storage that throws (private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadSelfDraft('x', broken)).toBeUndefined();
    expect(() => saveSelfDraft('x', draft(null), broken)).not.toThrow();
    expect(() => clearSelfDraft('x', broken)).not.toThrow();
  });
});

describe("a household's send that meets a 409", () => {
  const household = {
    head_name: 'Lê Văn Tám',
    address: 'Tổ 3',
    fiber_broadband: true,
    internet_any: true,
    electricity_cashless: false,
    business_household: false,
  };
  const members = [{ birth_year: 1980, has_ehr: true, has_smartphone: true, uses_public_service_online: false, has_digital_signature: false }];
  const typed = { household, members } as never;
  const server = (h: object, version = 2) =>
    ({ deleted: false, response: { id: 'r1', version, household: h, members, updatedAt: '2026-11-24T09:00:00Z' } }) as never;

  it("keeps the typed answers and sends them again at the server's version", () => {
    expect(afterConflict(typed, server({ ...household, head_name: 'Sửa bởi cán bộ' }, 3))).toEqual({
      kind: 'resend',
      version: 3,
      sentAt: '2026-11-24T09:00:00Z',
    });
  });

  it('counts them as sent when the server already holds exactly them (a lost answer), whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(household).reverse());
    expect(afterConflict(typed, server(reordered, 1))).toEqual({ kind: 'sent', version: 1, sentAt: '2026-11-24T09:00:00Z' });
  });

  it('says deleted when a collector deleted the response', () => {
    expect(afterConflict(typed, { deleted: true, response: null })).toEqual({ kind: 'deleted' });
  });

  it('falls back to the version the 409 reported when the server copy cannot be read', () => {
    expect(afterConflict(typed, undefined, 4)).toMatchObject({ kind: 'resend', version: 4 });
    expect(afterConflict(typed, undefined)).toBeUndefined();
  });
});

describe('named households list', () => {
  it('reads one household per line, with an optional code before a semicolon', () => {
    expect(parseNamedHouseholds('Lê Văn Tám\n\n  KP1-017 ; Hoàng Thị Mai \r\n; Phạm Văn Cường')).toEqual([
      { headName: 'Lê Văn Tám' },
      { headName: 'Hoàng Thị Mai', householdCode: 'KP1-017' },
      { headName: 'Phạm Văn Cường' },
    ]);
    expect(parseNamedHouseholds('  \n ')).toEqual([]);
  });
});

describe('choosing named households from the roster', () => {
  const entry = (householdCode: string, headName: string, address = '') => ({ wardCode: '14815', villageCode: 'v', householdCode, headName, address });
  const roster = [entry('LS-001', 'Nguyễn Văn Đức', 'Số 5, Trần Phú'), entry('LS-002', 'Trần Thị Bình', 'Số 7'), entry('LS-003', 'Lê Văn Cường')];

  it('finds households by any words of name, code or address, without diacritics; all of them for no query', () => {
    expect(filterRoster(roster, '  ').map((e) => e.householdCode)).toEqual(['LS-001', 'LS-002', 'LS-003']);
    expect(filterRoster(roster, 'tran').map((e) => e.householdCode)).toEqual(['LS-001', 'LS-002']);
    expect(filterRoster(roster, 'duc tran phu').map((e) => e.householdCode)).toEqual(['LS-001']);
    expect(filterRoster(roster, 'ls-003').map((e) => e.householdCode)).toEqual(['LS-003']);
  });

  it('marks households that answered, or hold a link that is not revoked', () => {
    const link = (householdCode: string | undefined, state: Link['state']) => ({ householdCode, state }) as Link;
    const marks = rosterMarks(
      [link('LS-001', 'unused'), link('LS-002', 'revoked'), link(undefined, 'unused'), link('LS-003', 'used')],
      new Set(['LS-003', 'X-9']),
    );
    expect([...marks].sort()).toEqual([
      ['LS-001', 'link'],
      ['LS-003', 'response'],
      ['X-9', 'response'],
    ]);
  });

  it('splits a long choice into batches the API takes, in order', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 200)).toEqual([]);
  });
});
