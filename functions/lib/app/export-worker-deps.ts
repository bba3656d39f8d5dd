// Dependencies of the background-jobs worker Lambda, from the environment (the API's side: background-jobs.ts).
import { parseConfig } from '../config';
import { logError } from '../logger';
import { createDocumentClient, createRepository } from '../repo';
import { cachedAreaTree } from '../services/areas/area-tree';
import type { RunExportJobDeps } from '../services/exports/run-export-job';
import type { IndicatorRecomputeDeps } from '../services/indicators/indicator-recompute';
import { publishedDefinitions } from '../services/surveys/published-definitions';
import { lazyExportFiles } from '../storage/lazy-export-files';

export type WorkerDeps = RunExportJobDeps & IndicatorRecomputeDeps;

export function exportWorkerDepsFromEnv(env: Record<string, string | undefined> = process.env): WorkerDeps {
  const config = parseConfig(env, ['RESPONSES_TABLE', 'AGGREGATES_TABLE', 'REFERENCE_TABLE', 'EXPORTS_BUCKET']);
  const repo = createRepository(createDocumentClient(), {
    responses: config.RESPONSES_TABLE!,
    aggregates: config.AGGREGATES_TABLE!,
    reference: config.REFERENCE_TABLE!,
  });
  const clock = () => new Date();
  return {
    exportJobs: repo.exportJobs,
    responses: repo.responses,
    aggregates: repo.aggregates,
    roster: repo.roster,
    reference: repo.reference,
    countings: repo.countings,
    areaSets: repo.areaSets,
    definitions: publishedDefinitions(repo.surveys),
    // Any set's tree, stored sets included: each job reads its round's set (or the one it re-bases onto).
    areaTree: cachedAreaTree(repo.reference, clock, undefined, repo.areaSets),
    // Loaded by the first export job: an indicator recompute never writes a file.
    files: lazyExportFiles(config.EXPORTS_BUCKET!),
    clock,
    log: logError,
    slots: config.AGGREGATE_SLOTS,
  };
}
