// Lambda entry of the background-jobs worker, invoked asynchronously by the API: `{ jobId }` writes that export
// job's file into the exports bucket (services/exports/run-export-job.ts); `{ recompute: { roundId, generation } }`
// fills a changed indicator list's counters (services/indicators/indicator-recompute.ts). The local server runs
// the same functions in process.
import { exportWorkerDepsFromEnv } from './lib/app/export-worker-deps';
import { runExportJob } from './lib/services/exports/run-export-job';
import { runIndicatorRecompute } from './lib/services/indicators/indicator-recompute';
import type { RecomputeJob } from './lib/services/indicators/round-indicators';

const deps = exportWorkerDepsFromEnv();

export type WorkerEvent = { jobId: string } | { recompute: RecomputeJob };

export const handler = async (event: WorkerEvent): Promise<void> => {
  if ('recompute' in event) await runIndicatorRecompute(event.recompute, deps);
  else await runExportJob(event.jobId, deps);
};
