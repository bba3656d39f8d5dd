// The export worker's use case: produce a job's file into the exports bucket, reporting progress (rows and bytes
// so far) every few seconds, then done with the totals, or failed with the reason. A second invocation for the
// same job does nothing unless the job is still queued.
import { type Readable, Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Log } from '../../logger';
import type { ExportJobsRepo } from '../../repo/types';
import type { ExportFiles } from '../../storage/export-files';
import { CONTENT_TYPES, type ExportBodyDeps, exportBody } from './export-body';

export interface RunExportJobDeps extends ExportBodyDeps {
  exportJobs: ExportJobsRepo;
  files: ExportFiles;
  clock: () => Date;
  log: Log;
  /** How often progress is written (default 2 s). */
  progressEveryMs?: number;
}

/** Counts the bytes that pass. */
function byteCounter(counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

/** `source` through `steps`, an error anywhere ending the last stream with it (so the upload fails, not hangs). */
function chain(source: Readable, ...steps: Transform[]): Readable {
  let last: Readable = source;
  for (const step of steps) {
    last.on('error', (error) => step.destroy(error));
    last = last.pipe(step);
  }
  return last;
}

export async function runExportJob(jobId: string, deps: RunExportJobDeps): Promise<void> {
  const job = await deps.exportJobs.get(jobId);
  if (job?.status !== 'queued') return;
  const now = () => deps.clock().toISOString();
  const progress = { rows: 0, bytes: 0 };
  await deps.exportJobs.update(jobId, { status: 'running', updatedAt: now() });
  let writing: Promise<void> | undefined;
  const timer = setInterval(() => {
    writing ??= deps.exportJobs
      .update(jobId, { rows: progress.rows, bytes: progress.bytes, updatedAt: now() })
      .catch((error) => deps.log('export progress not recorded', { jobId, error: String(error) }))
      .finally(() => {
        writing = undefined;
      });
  }, deps.progressEveryMs ?? 2000);
  try {
    const body = await exportBody(job, deps, progress);
    const file = job.gzip ? chain(body, createGzip(), byteCounter(progress)) : chain(body, byteCounter(progress));
    await deps.files.write(job.fileKey, file, job.gzip ? 'application/gzip' : CONTENT_TYPES[job.format]);
    clearInterval(timer);
    await writing;
    await deps.exportJobs.update(jobId, { status: 'done', rows: progress.rows, bytes: progress.bytes, finishedAt: now(), updatedAt: now() });
  } catch (error) {
    clearInterval(timer);
    await writing;
    const reason = error instanceof Error ? error.message : String(error);
    deps.log('export job failed', { jobId, rows: progress.rows, error: reason });
    await deps.exportJobs.update(jobId, { status: 'failed', rows: progress.rows, bytes: progress.bytes, error: reason, finishedAt: now(), updatedAt: now() });
  }
}
