// Dependencies of the stream Lambda, built once per container from the environment.
import { parseConfig } from '../config';
import { createDocumentClient } from '../repo';
import { createAggregatesRepo } from '../repo/aggregates-repo';
import { createCountingsRepo } from '../repo/countings-repo';
import { createExportJobsRepo } from '../repo/export-jobs-repo';
import { createSurveysRepo } from '../repo/surveys-repo';
import { createFoldTargets } from '../services/indicators/fold-targets';
import { publishedDefinitions } from '../services/surveys/published-definitions';
import type { StreamHandlerDeps } from '../stream/create-stream-handler';

export function streamDepsFromEnv(env: Record<string, string | undefined> = process.env): StreamHandlerDeps {
  const config = parseConfig(env, ['AGGREGATES_TABLE', 'REFERENCE_TABLE']);
  const doc = createDocumentClient();
  return {
    aggregates: createAggregatesRepo(doc, config.AGGREGATES_TABLE!),
    slots: config.AGGREGATE_SLOTS,
    // Each round's indicator lists (beside the aggregates) and the questionnaire versions they read (Reference, read only).
    foldTargets: createFoldTargets(createCountingsRepo(doc, config.AGGREGATES_TABLE!), publishedDefinitions(createSurveysRepo(doc, config.REFERENCE_TABLE!))),
    // Raw-responses export jobs are keyed by the round's change counter, kept in the Aggregates table (this function
    // uses only that part of the export jobs store, and holds no grant on the Reference table).
    exportJobs: createExportJobsRepo(doc, { jobs: config.AGGREGATES_TABLE!, changes: config.AGGREGATES_TABLE! }),
  };
}
