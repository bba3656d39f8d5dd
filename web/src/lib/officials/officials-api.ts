// The officials' and admins' API calls: workbook, raw export, roster, coverage. Kept out of
// api.ts so that they (and their schemas) load with the pages that use them, not at a collector's start.
import type { AggregateLevel } from '@shared/api/contract';
import { DuplicatesResponseSchema, HistoryResponseSchema } from '@shared/api/history';
import { WardCoverageSchema } from '@shared/roster/coverage';
import { RosterImportResultSchema, RosterResponseSchema, WardRostersResponseSchema } from '@shared/roster/roster';
import { api } from '../platform/api';
import { filenameFromContentDisposition } from '../platform/download';

/** The CSV of `level` and the totals above it, on area set `areaSet` when given (a last `note` column then). */
export async function aggregatesCsv(roundId: string, level: AggregateLevel, areaSet?: string) {
  const response = await api.request('GET', '/api/aggregates.csv', { query: { roundId, level, areaSet }, accept: 'text/csv' });
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `phieu-aggregates-${roundId}.csv`);
  return { blob: await response.blob(), filename };
}

/** The XLSX workbook (every level the user may read unless `level` picks one), on area set `areaSet` when given. */
export async function aggregatesXlsx(roundId: string, level?: AggregateLevel, areaSet?: string) {
  const response = await api.request('GET', '/api/aggregates.xlsx', {
    query: { roundId, level, areaSet },
    accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `phieu-aggregates-${roundId}.xlsx`);
  return { blob: await response.blob(), filename };
}

/** Every change of every response of a round (admin): who, when, why, which answer from what to what. */
export async function historyExport(roundId: string) {
  const response = await api.request('GET', '/api/responses/history.csv', { query: { roundId }, accept: 'text/csv' });
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `phieu-history-${roundId}.csv`);
  return { blob: await response.blob(), filename };
}

/** All raw responses of a round (admin), long (one row per member) or wide (one row per household). */
export async function responsesExport(roundId: string, shape: 'long' | 'wide') {
  const response = await api.request('GET', '/api/exports/responses.csv', { query: { roundId, shape }, accept: 'text/csv' });
  const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `phieu-responses-${roundId}-${shape}.csv`);
  return { blob: await response.blob(), filename };
}

/**
 * Checks (dryRun) or imports a roster CSV into area set `areaSet` (the server's default without it: the open
 * round's set, else the installation's); an invalid real import throws ApiError with per-line issues.
 */
export async function importRoster(csv: string, dryRun: boolean, areaSet?: string) {
  const response = await api.request('POST', '/api/roster/import', {
    text: { body: csv, contentType: 'text/csv; charset=utf-8' },
    query: { dryRun: dryRun ? 'true' : undefined, areaSet },
  });
  return api.json(RosterImportResultSchema, response);
}

/** The current rosters of area set `areaSet` (the server's default without it), and the set it read. */
export async function rosterWards(areaSet?: string) {
  return api.json(WardRostersResponseSchema, await api.request('GET', '/api/roster/wards', { query: { areaSet } }));
}

/** A ward's (village's) roster as the round `roundId` reads it: in the round's area set. */
export async function roster(wardCode: string, villageCode: string | undefined, roundId: string) {
  return api.json(RosterResponseSchema, await api.request('GET', '/api/roster', { query: { wardCode, villageCode, roundId } }));
}

export async function coverage(roundId: string, wardCode: string) {
  return api.json(WardCoverageSchema, await api.request('GET', '/api/coverage', { query: { roundId, wardCode } }));
}

/** A ward's likely duplicate households (no roster code), for its reviewers. */
export async function duplicates(roundId: string, wardCode: string) {
  return api.json(DuplicatesResponseSchema, await api.request('GET', '/api/duplicates', { query: { roundId, wardCode } }));
}

/** A reviewer's decision on a pair: merge (keep `keepId`, delete the other) or keep both as two households. */
export async function resolveDuplicate(resolution: { roundId: string; wardCode: string; a: string; b: string; decision: 'merge' | 'keep'; keepId?: string }) {
  await api.request('POST', '/api/duplicates/resolve', { body: resolution });
}

/** A response's history, oldest first (it follows a write within seconds): its collector and the ward's reviewers. */
export async function responseHistory(id: string) {
  return api.json(HistoryResponseSchema, await api.request('GET', `/api/responses/${encodeURIComponent(id)}/history`));
}
