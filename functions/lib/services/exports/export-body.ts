// The bytes of an export job's file, as a stream: raw responses (CSV or XLSX, read a page at a time) or the
// aggregates of the job's area at every level (small: built in memory, then streamed). Areas are those of the
// round's set, or of the set the aggregates are re-based onto.
import { Readable } from 'node:stream';
import { AGGREGATE_LEVELS, type AggregatesResponse, type User } from '@shared/api/contract';
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import type { ExportJobRecord, ResponsesRepo } from '../../repo/types';
import { aggregatesCsv } from '../results/aggregates-csv';
import { aggregatesOnAreaSet, type RebasedAggregatesDeps } from '../results/rebased-aggregates';
import { responsesCsvStream } from './responses-csv';

export const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export interface ExportBodyDeps extends RebasedAggregatesDeps {
  responses: Pick<ResponsesRepo, 'listAllInWard'>;
}

export async function exportBody(job: ExportJobRecord, deps: ExportBodyDeps, counter: { rows: number }): Promise<Readable> {
  const round = await deps.reference.getRound(job.roundId);
  const roundSet = round?.areaSetId ?? CURRENT_AREA_SET_ID;
  if (job.kind === 'responses') {
    // The job's area is a code of the round's set: 14812 is Ba Đình in a 2024 round, Phường Bỉm Sơn in a 2026 one.
    const tree = await deps.areaTree(roundSet);
    const options = {
      responses: deps.responses,
      tree,
      roundId: job.roundId,
      shape: job.shape ?? 'long',
      wardCodes: tree.wardsWithin(job.areaCode).map((ward) => ward.code),
      counter,
    };
    if (job.format === 'csv') return responsesCsvStream(options);
    // The XLSX writers (exceljs, write-excel-file) are most of the worker's code: loaded by the jobs that write XLSX.
    const { responsesXlsxStream } = await import('./responses-xlsx');
    return responsesXlsxStream(options);
  }
  // The job's file must not depend on who asked first: it holds what an official of exactly its area reads,
  // that area being a code of the set the figures are shown on.
  const scope: User = { username: 'export', role: 'official', areas: [job.areaCode], areaSetId: job.areaSet ?? roundSet };
  const lang = job.lang ?? 'vi';
  const levels = await aggregatesOnAreaSet(scope, job.roundId, AGGREGATE_LEVELS, job.areaSet, lang, deps);
  counter.rows = levels.reduce((sum, level) => sum + level.areas.reduce((n, area) => n + area.indicators.length, 0), 0);
  if (job.format === 'xlsx') {
    const { aggregatesXlsx } = await import('../results/aggregates-xlsx');
    return Readable.from([await aggregatesXlsx(levels, lang)]);
  }
  const all: AggregatesResponse | undefined = levels[0] && { ...levels[0], areas: levels.flatMap((level) => level.areas) };
  return Readable.from([Buffer.from(all ? aggregatesCsv(all, lang) : '\uFEFF')]);
}
