// Dependencies of the stream Lambda, built once per container from the environment.
import { parseConfig } from '../config';
import { createDocumentClient } from '../repo';
import { createAggregatesRepo } from '../repo/aggregates-repo';
import { createCountingsRepo } from '../repo/countings-repo';
import { createExportJobsRepo } from '../repo/export-jobs-repo';
import { createHistoryRepo } from '../repo/history-repo';
import { createFoldTargets } from '../services/indicators/fold-targets';
import type { StreamHandlerDeps } from '../stream/create-stream-handler';

export function streamDepsFromEnv(env: Record<string, string | undefined> = process.env): StreamHandlerDeps {
  const config = parseConfig(env, ['AGGREGATES_TABLE']);
  const doc = createDocumentClient();
  return {
    aggregates: createAggregatesRepo(doc, config.AGGREGATES_TABLE!),
    slots: config.AGGREGATE_SLOTS,
    // Each round's indicator lists, kept beside the aggregates.
    foldTargets: createFoldTargets(createCountingsRepo(doc, config.AGGREGATES_TABLE!)),
    // Raw-responses export jobs are keyed by the round's change counter, kept in the Aggregates table (this function
    // uses only that part of the export jobs store, and holds no grant on the Reference table).
    exportJobs: createExportJobsRepo(doc, { jobs: config.AGGREGATES_TABLE!, changes: config.AGGREGATES_TABLE! }),
    // Each response's history, kept beside the aggregates too.
    history: createHistoryRepo(doc, config.AGGREGATES_TABLE!),
  };
}
