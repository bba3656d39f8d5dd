// One job per export *and* data version: the id is a hash of what is exported and the version of the data it was
// started at, so asking again while nothing changed finds the same job (and its file), and any change makes a
// new id. Versions:
//   responses   the round's responses change counter (the stream handler adds every batch's changes to it)
//   aggregates  the round's indicator list (its counting state's rev) and count policy, every aggregate row's rev
//               (bumped by every write) and every ward's roster import in the round's area set
import { createHash } from 'node:crypto';
import type { AggregatesRepo, ExportJobRecord, ExportJobsRepo, RosterRepo } from '../../repo/types';
import { type FiguresListDeps, figuresListOf } from '../indicators/figures-list';

/** What makes two exports the same file (`areaSet`: the set aggregates are re-based onto, none for the round's own). */
export type ExportSpec = Pick<ExportJobRecord, 'roundId' | 'kind' | 'shape' | 'format' | 'gzip' | 'areaCode' | 'lang' | 'areaSet'>;

export interface DataVersionDeps extends FiguresListDeps {
  exportJobs: Pick<ExportJobsRepo, 'responseChanges'>;
  aggregates: Pick<AggregatesRepo, 'readRoundRows'>;
  roster: Pick<RosterRepo, 'listWardRosters'>;
}

export async function dataVersion(spec: ExportSpec, deps: DataVersionDeps): Promise<string> {
  if (spec.kind === 'responses') return `changes:${await deps.exportJobs.responseChanges(spec.roundId)}`;
  const [list, round] = await Promise.all([figuresListOf(spec.roundId, deps), deps.reference.getRound(spec.roundId)]);
  const [rows, rosters] = await Promise.all([deps.aggregates.readRoundRows(list.rowsKey), deps.roster.listWardRosters(round?.areaSetId)]);
  const parts = [
    `list:${list.rowsKey}@${list.rev}/${list.countPolicy}`,
    ...rows.map((row) => `${row.wardCode}/${row.bucket ?? 'submitted'}/${row.slot}/${row.rev}`).sort(),
    ...rosters.map((pointer) => `${pointer.wardCode}@${pointer.importId}`).sort(),
  ];
  return `aggregates:${hash(parts.join('|'))}`;
}

export function exportJobId(spec: ExportSpec, version: string): string {
  const { roundId, kind, shape, format, gzip, areaCode, lang, areaSet } = spec;
  const key: unknown[] = [roundId, kind, shape ?? null, format, gzip, areaCode, lang ?? null, version];
  // Only when re-based: the ids of the round's own exports stay what they were before sets could be shown.
  if (areaSet) key.push(areaSet);
  return hash(JSON.stringify(key)).slice(0, 32);
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

export const EXPORT_JOB_ID = /^[0-9a-f]{32}$/;
