// Dependencies of the stream Lambda, built once per container from the environment.
import { parseConfig } from '../config';
import { createDocumentClient } from '../repo';
import { createAggregatesRepo } from '../repo/aggregates-repo';
import { createExportJobsRepo } from '../repo/export-jobs-repo';
import type { StreamHandlerDeps } from '../stream/create-stream-handler';

export function streamDepsFromEnv(env: Record<string, string | undefined> = process.env): StreamHandlerDeps {
  const config = parseConfig(env, ['AGGREGATES_TABLE']);
  const doc = createDocumentClient();
  return {
    aggregates: createAggregatesRepo(doc, config.AGGREGATES_TABLE!),
    slots: config.AGGREGATE_SLOTS,
    // Export jobs of raw responses are keyed by the round's change counter, kept in the Reference table.
    exportJobs: config.REFERENCE_TABLE ? createExportJobsRepo(doc, config.REFERENCE_TABLE) : undefined,
  };
}
