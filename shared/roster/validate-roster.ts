// Checking an uploaded roster before anything is written: every row is resolved against the area tree and
// checked on its own, so the admin sees every problem at once, each with its row number in the file.
import type { AreaTree } from '../areas/areas';
import type { MessageKey } from '../i18n/dictionary';
import { foldName } from '../text/fold-name';
import { isSafeText, UNSAFE_TEXT_KEY } from '../text/safe-text';
import type { RosterEntry } from './roster';

export const ROSTER_FIELDS = ['wardCode', 'village', 'householdCode', 'headName', 'address'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** One data row of the file, its cells by field, and the line it starts on (1-based, header included). */
export interface RosterRow {
  line: number;
  cells: Partial<Record<RosterField, string>>;
}

export interface RosterRowIssue {
  line: number;
  field: RosterField | 'row';
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const ROSTER_LIMITS = { rows: 50_000, wards: 100, householdCode: 64, headName: 120, address: 200 } as const;

// Village names compare without case, extra spaces or diacritics ("khu pho 1" finds "Khu phố 1").
export { foldName };

/** Resolves a village code or name within a ward; undefined when none or more than one matches. */
function villageResolver(tree: AreaTree) {
  const byWard = new Map<string, { codes: Set<string>; byName: Map<string, string[]> }>();
  for (const village of tree.ofLevel('village')) {
    const ward = village.parentCode ?? '';
    const entry = byWard.get(ward) ?? { codes: new Set(), byName: new Map() };
    entry.codes.add(village.code);
    const folded = foldName(village.name);
    entry.byName.set(folded, [...(entry.byName.get(folded) ?? []), village.code]);
    byWard.set(ward, entry);
  }
  return (wardCode: string, village: string): string | undefined => {
    const entry = byWard.get(wardCode);
    if (!entry) return undefined;
    if (entry.codes.has(village)) return village;
    const matches = entry.byName.get(foldName(village)) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  };
}

/** Valid entries, or every row issue; entries are only meaningful when `issues` is empty. */
export function validateRosterRows(rows: readonly RosterRow[], tree: AreaTree): { entries: RosterEntry[]; issues: RosterRowIssue[] } {
  const issues: RosterRowIssue[] = [];
  const entries: RosterEntry[] = [];
  if (rows.length === 0) return { entries, issues: [{ line: 1, field: 'row', key: 'roster.empty' }] };
  if (rows.length > ROSTER_LIMITS.rows)
    return { entries, issues: [{ line: 1, field: 'row', key: 'roster.too_many_rows', params: { max: ROSTER_LIMITS.rows } }] };
  const resolveVillage = villageResolver(tree);
  const seen = new Map<string, number>();
  const wards = new Set<string>();

  for (const { line, cells } of rows) {
    const rowIssues: RosterRowIssue[] = [];
    const value = (field: RosterField) => (cells[field] ?? '').trim().normalize('NFC');
    const required = (field: RosterField) => {
      if (!value(field)) rowIssues.push({ line, field, key: 'roster.required' });
      return value(field);
    };
    const limited = (field: RosterField, max: number) => {
      if (value(field).length > max) rowIssues.push({ line, field, key: 'validation.too_big.string', params: { maximum: max } });
      else if (!isSafeText(value(field), { multiline: true })) rowIssues.push({ line, field, key: UNSAFE_TEXT_KEY });
    };

    const wardCode = required('wardCode');
    const ward = wardCode ? tree.get(wardCode) : undefined;
    if (wardCode && ward?.level !== 'ward') rowIssues.push({ line, field: 'wardCode', key: 'roster.unknown_ward', params: { ward: wardCode } });
    const village = required('village');
    const villageCode = ward?.level === 'ward' && village ? resolveVillage(wardCode, village) : undefined;
    if (ward?.level === 'ward' && village && !villageCode)
      rowIssues.push({ line, field: 'village', key: 'roster.unknown_village', params: { village, ward: ward.name } });
    const householdCode = required('householdCode');
    limited('householdCode', ROSTER_LIMITS.householdCode);
    const headName = required('headName');
    limited('headName', ROSTER_LIMITS.headName);
    limited('address', ROSTER_LIMITS.address);

    if (wardCode && householdCode) {
      const key = `${wardCode}#${householdCode}`;
      const first = seen.get(key);
      if (first !== undefined)
        rowIssues.push({ line, field: 'householdCode', key: 'roster.duplicate_household', params: { code: householdCode, line: first } });
      else seen.set(key, line);
    }
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    wards.add(wardCode);
    entries.push({ wardCode, villageCode: villageCode!, householdCode, headName, address: value('address') });
  }
  if (wards.size > ROSTER_LIMITS.wards) issues.push({ line: 1, field: 'row', key: 'roster.too_many_wards', params: { max: ROSTER_LIMITS.wards } });
  return { entries, issues };
}
