// A response's history, derived from two stored images of it (the stream delivers both): which answers changed
// from what to what, and what kind of change it was. Pure: the stream handler and the tests call it alike.

/** One changed answer: `path` like `household.internet` or `members[1].smartphone`; null where there was none. */
export interface FieldChange {
  path: string;
  from: unknown;
  to: unknown;
}

export type HistoryAction = 'create' | 'edit' | 'delete' | 'review' | 'not_duplicate';

export interface HistoryEntry {
  version: number;
  at: string;
  by: string;
  action: HistoryAction;
  changes: FieldChange[];
  /** Why: an admin's correction after the round closed, a merged duplicate, a pair kept apart. */
  reason?: string;
}

/** Bookkeeping written with every version: never a change of the household's answers. */
const BOOKKEEPING = new Set([
  'id',
  'version',
  'bodyHash',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'deletedAt',
  'referenceYear',
  'channel',
  'changeReason',
  // The Responses table's index keys.
  'roundWard',
  'villageSort',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted(value[key])]),
  );
}

function walk(path: string, from: unknown, to: unknown, out: FieldChange[]): void {
  if (same(from, to)) return;
  if (Array.isArray(from) || Array.isArray(to)) {
    const a = Array.isArray(from) ? from : [];
    const b = Array.isArray(to) ? to : [];
    if ((from !== undefined && !Array.isArray(from)) || (to !== undefined && !Array.isArray(to))) {
      out.push({ path, from: from ?? null, to: to ?? null });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (isPlainObject(from) || isPlainObject(to)) {
    if ((from !== undefined && !isPlainObject(from)) || (to !== undefined && !isPlainObject(to))) {
      out.push({ path, from: from ?? null, to: to ?? null });
      return;
    }
    const a = (from ?? {}) as Record<string, unknown>;
    const b = (to ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) walk(path ? `${path}.${key}` : key, a[key], b[key], out);
    return;
  }
  out.push({ path, from: from ?? null, to: to ?? null });
}

/** The answers (and review) that differ between two images, leaf by leaf, bookkeeping left out. */
export function diffImages(oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined): FieldChange[] {
  const strip = (image: Record<string, unknown> | undefined) =>
    image ? Object.fromEntries(Object.entries(image).filter(([key]) => !BOOKKEEPING.has(key))) : undefined;
  const out: FieldChange[] = [];
  walk('', strip(oldImage), strip(newImage), out);
  return out;
}

/** What a stored response carries to say why its latest version was written (kept with the version it explains). */
export interface ChangeReason {
  reason: string;
  version: number;
}

interface Image extends Record<string, unknown> {
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  deletedAt?: string;
  changeReason?: ChangeReason;
}

/**
 * The history entry one write makes, from the item before and after it; undefined when the write adds nothing
 * to a history (an item removed outright, or a write that changed neither answers nor state).
 */
export function historyEntryOf(oldImage: Image | undefined, newImage: Image | undefined): HistoryEntry | undefined {
  if (!newImage) return undefined;
  if (oldImage && oldImage.version >= newImage.version) return undefined;
  const changes = newImage.deletedAt ? [] : diffImages(oldImage, newImage);
  let action: HistoryAction;
  if (!oldImage) action = 'create';
  else if (newImage.deletedAt && !oldImage.deletedAt) action = 'delete';
  else if (changes.length > 0 && changes.every((change) => change.path === 'review' || change.path.startsWith('review.'))) action = 'review';
  else action = 'edit';
  const reason = newImage.changeReason?.version === newImage.version ? newImage.changeReason.reason : undefined;
  return {
    version: newImage.version,
    at: newImage.updatedAt ?? '',
    by: newImage.updatedBy ?? '',
    action,
    changes,
    ...(reason ? { reason } : {}),
  };
}
