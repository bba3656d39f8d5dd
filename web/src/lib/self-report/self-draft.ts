// A household's unsent answers, kept on its own device per link, so closing the browser loses nothing. A draft
// remembers the version it was started from: it is offered back only while the server still has that version.
import type { FormState } from '../household-form';

export interface SelfDraft {
  state: FormState;
  /** The stored response's version the draft edits; null for a first answer. */
  baseVersion: number | null;
  savedAt: string;
}

const keyOf = (linkId: string) => `phieu.self-draft.${linkId}`;

function isFormState(value: unknown): value is FormState {
  if (!value || typeof value !== 'object') return false;
  const { household, members } = value as Record<string, unknown>;
  return (
    !!household &&
    typeof household === 'object' &&
    Array.isArray(members) &&
    members.every((m) => m && typeof m === 'object' && typeof m.key === 'string' && m.answers && typeof m.answers === 'object')
  );
}

export function loadSelfDraft(linkId: string, storage: Pick<Storage, 'getItem'> = localStorage): SelfDraft | undefined {
  try {
    const draft = JSON.parse(storage.getItem(keyOf(linkId)) ?? 'null') as Partial<SelfDraft> | null;
    if (!draft || !isFormState(draft.state) || !(draft.baseVersion === null || typeof draft.baseVersion === 'number')) return undefined;
    return { state: draft.state, baseVersion: draft.baseVersion, savedAt: String(draft.savedAt ?? '') };
  } catch {
    return undefined;
  }
}

export function saveSelfDraft(linkId: string, draft: SelfDraft, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(keyOf(linkId), JSON.stringify(draft));
  } catch {
    // Private mode or a full quota: the form still works for this visit.
  }
}

export function clearSelfDraft(linkId: string, storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(keyOf(linkId));
  } catch {
    // As above.
  }
}

/** The draft to restore: only one made from the version the server has now. */
export function draftToRestore(draft: SelfDraft | undefined, serverVersion: number | undefined): SelfDraft | undefined {
  return draft && draft.baseVersion === (serverVersion ?? null) ? draft : undefined;
}
