// Lambda entry of the export worker: invoked asynchronously by the API with `{ jobId }`, it writes that job's
// file into the exports bucket (services/exports/run-export-job.ts). The local server runs the same function.
import { exportWorkerDepsFromEnv } from './lib/app/export-worker-deps';
import { runExportJob } from './lib/services/exports/run-export-job';

const deps = exportWorkerDepsFromEnv();

export const handler = async (event: { jobId: string }): Promise<void> => runExportJob(event.jobId, deps);
