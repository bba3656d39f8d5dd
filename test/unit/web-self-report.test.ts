// Web helpers of the self-report pages: the household's local draft and the links page's household list.
import { describe, expect, it } from 'vitest';
import { emptyForm } from '../../web/src/lib/form-state';
import { parseNamedHouseholds } from '../../web/src/lib/named-households';
import { clearSelfDraft, draftToRestore, loadSelfDraft, saveSelfDraft, type SelfDraft } from '../../web/src/lib/self-draft';

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
    for (const junk of ['{', '42', '{"state":{"household":{},"members":"x"},"baseVersion":null}', '{"state":{"household":{},"members":[]},"baseVersion":"1"}']) {
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
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('denied'); } };
    expect(loadSelfDraft('x', broken)).toBeUndefined();
    expect(() => saveSelfDraft('x', draft(null), broken)).not.toThrow();
    expect(() => clearSelfDraft('x', broken)).not.toThrow();
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
