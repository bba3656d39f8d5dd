// The API's side of the background-jobs worker, from the environment: an asynchronous invoke per export job or
// indicator recompute, and the exports bucket for download links. The Lambda and S3 clients load on first use,
// so the API's cold start does not evaluate them (most requests never start a job).
import { parseConfig } from '../config';
import type { ExportJobDeps } from '../services/exports/export-jobs';
import type { RecomputeJob } from '../services/indicators/round-indicators';
import { lazyExportFiles } from '../storage/lazy-export-files';

type Env = Record<string, string | undefined>;

function workerInvoker(functionName: string): (payload: unknown) => Promise<void> {
  let client: Promise<{ send: (payload: unknown) => Promise<void> }> | undefined;
  const load = () =>
    (client ??= import('@aws-sdk/client-lambda').then(({ InvokeCommand, LambdaClient }) => {
      const lambda = new LambdaClient({});
      return {
        send: async (payload: unknown) => {
          await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify(payload) }));
        },
      };
    }));
  return async (payload) => (await load()).send(payload);
}

/** Export jobs: files for download links, and an invoke of the worker per new job; absent without a worker. */
export function exportJobsFromEnv(env: Env = process.env): Pick<ExportJobDeps, 'files' | 'dispatch'> | undefined {
  const config = parseConfig(env);
  if (!config.EXPORTS_BUCKET || !config.EXPORT_WORKER_FUNCTION) return undefined;
  const invoke = workerInvoker(config.EXPORT_WORKER_FUNCTION);
  return { files: lazyExportFiles(config.EXPORTS_BUCKET), dispatch: (jobId) => invoke({ jobId }) };
}

/** Indicator recomputes: an invoke of the same worker; absent without one (then the API runs them in process). */
export function recomputeJobsFromEnv(env: Env = process.env): ((job: RecomputeJob) => Promise<void>) | undefined {
  const functionName = parseConfig(env).EXPORT_WORKER_FUNCTION;
  if (!functionName) return undefined;
  const invoke = workerInvoker(functionName);
  return (job) => invoke({ recompute: job });
}
