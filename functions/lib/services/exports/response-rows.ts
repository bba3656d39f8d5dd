// Raw responses as spreadsheet rows, for admins who analyse beyond the indicators. Two shapes:
//   long  one row per member, the household's columns repeated on each (a pivot table's favourite; default)
//   wide  one row per household, members side by side as m1_…, m2_… up to the form's maximum of members
// Booleans are 1/0 so that an AVERAGE is a share; a question not asked is an empty cell. The answer columns are
// the questions of the round's questionnaire version, in its order: a new question is a new column.
import type { AreaTree } from '@shared/areas/areas';
import type { Definition } from '@shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
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
export type Cell = string | number | null;

const householdIds = (definition: Definition) => definition.household.map((q) => q.id);
const memberIds = (definition: Definition) => definition.members.questions.map((q) => q.id);

/** The header row for a round of `definition` (household-dx v1 unless told). */
export function exportColumns(shape: ExportShape, definition: Definition = HOUSEHOLD_DX_V1): string[] {
  const head = [...RESPONSE_COLUMNS, ...householdIds(definition), 'members_count'];
  if (shape === 'long') return [...head, 'member_index', ...memberIds(definition).map((id) => `member_${id}`)];
  const members = Array.from({ length: definition.members.max }, (_, i) => memberIds(definition).map((id) => `m${i + 1}_${id}`));
  return [...head, ...members.flat()];
}

function cell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function householdCells(item: StoredResponseItem, tree: AreaTree, definition: Definition): Cell[] {
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
    ...householdIds(definition).map((id) => cell(answers[id])),
    item.members.length,
  ];
}

/** The rows one response contributes: one per member (long) or exactly one (wide). */
export function responseRows(item: StoredResponseItem, shape: ExportShape, tree: AreaTree, definition: Definition = HOUSEHOLD_DX_V1): Cell[][] {
  const ids = memberIds(definition);
  const memberCells = (member: Record<string, unknown>): Cell[] => ids.map((id) => cell(member[id]));
  const household = householdCells(item, tree, definition);
  const members = item.members as Record<string, unknown>[];
  if (shape === 'long') return members.map((member, index) => [...household, index + 1, ...memberCells(member)]);
  const slots = Array.from({ length: definition.members.max }, (_, i) => (members[i] ? memberCells(members[i]) : ids.map(() => null)));
  return [[...household, ...slots.flat()]];
}
