// Dependencies of the export worker Lambda and the API's way of starting it, from the environment.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { parseConfig } from '../config';
import { logError } from '../logger';
import { createDocumentClient, createRepository } from '../repo';
import { cachedAreaTree } from '../services/areas/area-tree';
import type { ExportJobDeps } from '../services/exports/export-jobs';
import type { RunExportJobDeps } from '../services/exports/run-export-job';
import type { IndicatorRecomputeDeps } from '../services/indicators/indicator-recompute';
import type { RecomputeJob } from '../services/indicators/round-indicators';
import { publishedDefinitions } from '../services/surveys/published-definitions';
import { createS3Client, createS3ExportFiles } from '../storage/export-files';

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
    definitions: publishedDefinitions(repo.surveys),
    areaTree: cachedAreaTree(repo.reference, clock),
    files: createS3ExportFiles(createS3Client(), config.EXPORTS_BUCKET!),
    clock,
    log: logError,
    slots: config.AGGREGATE_SLOTS,
  };
}

/** The API's side: files for download links, and an asynchronous invoke of the worker per new job. */
/** The API's side of recompute jobs: an asynchronous invoke of the same worker. */
export function recomputeJobsFromEnv(env: Record<string, string | undefined> = process.env): ((job: RecomputeJob) => Promise<void>) | undefined {
  const functionName = parseConfig(env).EXPORT_WORKER_FUNCTION;
  if (!functionName) return undefined;
  const lambda = new LambdaClient({});
  return async (job) => {
    await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify({ recompute: job }) }));
  };
}

export function exportJobsFromEnv(env: Record<string, string | undefined> = process.env): Pick<ExportJobDeps, 'files' | 'dispatch'> | undefined {
  const config = parseConfig(env);
  if (!config.EXPORTS_BUCKET || !config.EXPORT_WORKER_FUNCTION) return undefined;
  const lambda = new LambdaClient({});
  const functionName = config.EXPORT_WORKER_FUNCTION;
  return {
    files: createS3ExportFiles(createS3Client(), config.EXPORTS_BUCKET),
    async dispatch(jobId) {
      await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify({ jobId }) }));
    },
  };
}
