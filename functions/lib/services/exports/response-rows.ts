// Raw responses as spreadsheet rows, for admins who analyse beyond the indicators. Two shapes:
//   long  one row per member, the household's columns repeated on each (a pivot table's favourite; default)
//   wide  one row per household, members side by side as m1_…, m2_… up to the form's maximum of members
// Booleans are 1/0 so that an AVERAGE is a share; a question not asked is an empty cell.
import type { AreaTree } from '@shared/areas/areas';
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import type { StoredResponseItem } from '../../repo/types';

export const EXPORT_SHAPES = ['long', 'wide'] as const;
export type ExportShape = (typeof EXPORT_SHAPES)[number];

const RESPONSE_COLUMNS = [
  'response_id',
  'round_id',
  'ward_code',
  'ward_name',
  'village_code',
  'village_name',
  'household_code',
  'channel',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
const HOUSEHOLD_IDS = HOUSEHOLD_FORM.household.map((q) => q.id);
const MEMBER_IDS = HOUSEHOLD_FORM.members.map((q) => q.id);

export type Cell = string | number | null;

export function exportColumns(shape: ExportShape): string[] {
  const head = [...RESPONSE_COLUMNS, ...HOUSEHOLD_IDS, 'members_count'];
  if (shape === 'long') return [...head, 'member_index', ...MEMBER_IDS.map((id) => `member_${id}`)];
  const members = Array.from({ length: HOUSEHOLD_FORM.maxMembers }, (_, i) => MEMBER_IDS.map((id) => `m${i + 1}_${id}`));
  return [...head, ...members.flat()];
}

function cell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function householdCells(item: StoredResponseItem, tree: AreaTree): Cell[] {
  const answers = item.household as Record<string, unknown>;
  return [
    item.id,
    item.roundId,
    item.wardCode,
    tree.get(item.wardCode)?.name ?? null,
    item.villageCode,
    tree.get(item.villageCode)?.name ?? null,
    item.householdCode ?? null,
    item.channel,
    item.version,
    item.createdAt,
    item.createdBy,
    item.updatedAt,
    item.updatedBy,
    ...HOUSEHOLD_IDS.map((id) => cell(answers[id])),
    item.members.length,
  ];
}

const memberCells = (member: Record<string, unknown>): Cell[] => MEMBER_IDS.map((id) => cell(member[id]));

/** The rows one response contributes: one per member (long) or exactly one (wide). */
export function responseRows(item: StoredResponseItem, shape: ExportShape, tree: AreaTree): Cell[][] {
  const household = householdCells(item, tree);
  const members = item.members as Record<string, unknown>[];
  if (shape === 'long') return members.map((member, index) => [...household, index + 1, ...memberCells(member)]);
  const slots = Array.from({ length: HOUSEHOLD_FORM.maxMembers }, (_, i) => (members[i] ? memberCells(members[i]) : MEMBER_IDS.map(() => null)));
  return [[...household, ...slots.flat()]];
}
