// Importing a roster, all or nothing: validate every row first; then stage the entries under a fresh import
// id (invisible), switch every ward's pointer in one transaction, and only then delete the replaced entries.
// A crash while staging leaves orphan entries no pointer refers to (invisible; deleted by the next import of
// the ward is not needed for correctness). A concurrent import of the same ward makes the switch fail: 409.
import { randomUUID } from 'node:crypto';
import type { AreaTree } from '@shared/areas/areas';
import type { KeyedIssue } from '@shared/i18n/dictionary';
import { type RosterImportResult, type WardRoster, wardRostersOf } from '@shared/roster/roster';
import { type RosterRowIssue, validateRosterRows } from '@shared/roster/validate-roster';
import { problem, ValidationError } from '../../errors';
import { type Log, logError } from '../../logger';
import type { ReferenceRepo, ResponsesRepo, RosterRepo } from '../../repo/types';
import { surveyedInOpenRound } from './ward-coverage';

export type RosterWardSummary = RosterImportResult['wards'][number];

/** A row's problem before translation: the route renders it in the caller's language. */
export type RosterLineIssue = KeyedIssue & { line: number };

/** The import's result with its per-line errors still keyed (`RosterImportResult` once translated). */
export type RosterImportOutcome = Omit<RosterImportResult, 'errors'> & { errors: RosterLineIssue[] };

interface ImportInput {
  /** With responses and rounds, the preview says how many households each ward already has in the open round. */
  repo: { roster: RosterRepo; reference?: Pick<ReferenceRepo, 'listRounds'>; responses?: Pick<ResponsesRepo, 'listAllInWard'> };
  /** The area set the rows are read in, and whose rosters the import replaces. */
  areaSetId: string;
  /** That set's tree. */
  tree: AreaTree;
  csv: string;
  dryRun: boolean;
  username: string;
  now: Date;
  log?: Log;
}

const issuePath = (issue: RosterRowIssue) => `line.${issue.line}.${issue.field}`;

function summaries(tree: AreaTree, wards: readonly WardRoster[], current: ReadonlyMap<string, WardRoster | undefined>): RosterWardSummary[] {
  return wards.map((ward) => {
    const previous = current.get(ward.wardCode);
    return {
      wardCode: ward.wardCode,
      name: tree.get(ward.wardCode)?.name ?? ward.wardCode,
      households: ward.households,
      villages: Object.entries(ward.villages).map(([villageCode, households]) => ({
        villageCode,
        name: tree.get(villageCode)?.name ?? villageCode,
        households,
      })),
      replaces: previous ? { households: previous.households, importedAt: previous.importedAt } : null,
    };
  });
}

export async function importRoster({ repo, areaSetId, tree, csv, dryRun, username, now, log = logError }: ImportInput): Promise<RosterImportOutcome> {
  // csv-parse serves this route only: loaded on the first import, not at every cold start.
  const { readRosterCsv } = await import('./parse-roster-csv');
  const { rows, badLines } = readRosterCsv(csv);
  const validated = validateRosterRows(rows, tree);
  const { entries } = validated;
  // A line the CSV reader could not read (a stray quote) is an error of that line like any other.
  const unreadable = badLines.map((line): RosterRowIssue => ({ line, field: 'row', key: 'roster.stray_quote' }));
  const found = badLines.length > 0 && rows.length === 0 ? [] : validated.issues;
  const issues = [...unreadable, ...found].sort((a, b) => a.line - b.line);
  const errors: RosterLineIssue[] = issues.map((issue) => ({
    line: issue.line,
    path: issuePath(issue),
    key: issue.key,
    ...(issue.params ? { params: issue.params } : {}),
  }));
  if (issues.length > 0 && !dryRun) throw new ValidationError(errors.map(({ path, key, params }) => ({ path, key, params })));

  const importId = `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const wards = wardRostersOf(entries, importId, now.toISOString(), username);
  const current = new Map(await Promise.all(wards.map(async (w) => [w.wardCode, await repo.roster.getWardRoster(w.wardCode, areaSetId)] as const)));
  const surveyed =
    repo.reference && repo.responses
      ? await surveyedInOpenRound(
          { reference: repo.reference, responses: repo.responses },
          wards.map((w) => w.wardCode),
          now,
          areaSetId,
        )
      : new Map();
  const withSurveyed = summaries(tree, wards, current).map((ward) => {
    const found = surveyed.get(ward.wardCode);
    // Only wards that have households already: a new round's import previews as before.
    return found && found.households > 0 ? { ...ward, surveyed: found } : ward;
  });
  const result = { areaSetId, dryRun, valid: issues.length === 0, rows: rows.length, wards: withSurveyed, errors };
  if (dryRun) return result;

  try {
    await repo.roster.stageEntries(importId, entries, areaSetId);
  } catch (error) {
    await discard(
      repo,
      areaSetId,
      wards.map((w) => [w.wardCode, importId]),
      log,
    );
    throw error;
  }
  const previous = new Map(wards.map((w) => [w.wardCode, current.get(w.wardCode)?.importId ?? null]));
  if (!(await repo.roster.publish(wards, previous, areaSetId))) {
    await discard(
      repo,
      areaSetId,
      wards.map((w) => [w.wardCode, importId]),
      log,
    );
    throw problem.rosterConflict();
  }
  const replaced = [...previous].filter((entry): entry is [string, string] => entry[1] !== null);
  await discard(repo, areaSetId, replaced, log);
  return { ...result, importId };
}

/** Deleting invisible entries is housekeeping: a failure is logged, never the import's failure. */
async function discard(repo: ImportInput['repo'], areaSetId: string, imports: [string, string][], log: Log) {
  for (const [wardCode, importId] of imports) {
    try {
      await repo.roster.discardImport(wardCode, importId, areaSetId);
    } catch (error) {
      log('roster import left invisible entries', { areaSetId, wardCode, importId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
