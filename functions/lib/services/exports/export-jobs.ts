// The use cases behind POST /api/exports and GET /api/exports/{id}: start (or find) the job for an export, and
// tell its state with a fresh download link once done. The work itself is run-export-job.ts, in the background.
import type { User } from '@shared/api/contract';
import type { ExportJobRequest, ExportJobView } from '@shared/api/exports';
import type { Lang } from '@shared/survey/form';
import { problem } from '../../errors';
import type { ExportJobRecord, ExportJobsRepo } from '../../repo/types';
import type { ExportFiles } from '../../storage/export-files';
import { type ExportSpecDeps, jobReader, resolveSpec } from './export-spec';
import { type DataVersionDeps, dataVersion, EXPORT_JOB_ID, type ExportSpec, exportJobId } from './job-key';

/** A queued or running job not written for this long has died (the worker's timeout is 15 minutes). */
export const STALE_JOB_MS = 20 * 60 * 1000;
/** A done job's file is reused for this long; the bucket expires export files a day later. */
export const FILE_REUSE_MS = 6 * 24 * 3600 * 1000;
/** How long a download link works. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

export interface ExportJobDeps extends DataVersionDeps, ExportSpecDeps {
  exportJobs: ExportJobsRepo;
  files: ExportFiles;
  /** Starts the worker on a job without waiting for it (an async Lambda invoke in AWS, in process locally). */
  dispatch: (jobId: string) => Promise<void>;
  clock: () => Date;
}

function reusable(job: ExportJobRecord, now: Date): boolean {
  const age = now.getTime() - Date.parse(job.updatedAt);
  if (job.status === 'done') return now.getTime() - Date.parse(job.finishedAt ?? job.updatedAt) < FILE_REUSE_MS;
  if (job.status === 'failed') return false;
  return age < STALE_JOB_MS;
}

function fileNameOf(spec: ExportSpec, id: string): string {
  const what = spec.kind === 'responses' ? `responses-${spec.shape}` : spec.areaSet ? `aggregates-${spec.areaSet}` : 'aggregates';
  return `phieu-${spec.roundId}-${what}-${spec.areaCode}-${id.slice(0, 8)}.${spec.format}${spec.gzip ? '.gz' : ''}`;
}

export async function startExportJob(user: User, request: ExportJobRequest, lang: Lang, deps: ExportJobDeps): Promise<ExportJobRecord> {
  const spec = await resolveSpec(user, request, lang, deps);
  const version = await dataVersion(spec, deps);
  const id = exportJobId(spec, version);
  const now = deps.clock();
  const existing = await deps.exportJobs.get(id);
  if (existing && reusable(existing, now)) return existing;

  const fileName = fileNameOf(spec, id);
  const at = now.toISOString();
  const job: ExportJobRecord = {
    ...spec,
    id,
    dataVersion: version,
    status: 'queued',
    rows: 0,
    bytes: 0,
    fileKey: `exports/${spec.roundId}/${fileName}`,
    fileName,
    createdBy: user.username,
    createdAt: at,
    updatedAt: at,
  };
  const write = existing ? await deps.exportJobs.replace(job, existing.updatedAt) : await deps.exportJobs.create(job);
  // Someone asked for the same export a moment earlier: theirs is the job.
  if (!write.ok) return write.current ?? job;
  try {
    await deps.dispatch(id);
  } catch (error) {
    const failed = { status: 'failed' as const, error: `could not start: ${error instanceof Error ? error.message : String(error)}`, updatedAt: at };
    await deps.exportJobs.update(id, failed);
    return { ...job, ...failed };
  }
  return job;
}

/** Admins see every job; officials the aggregates jobs of their areas (in the set shown). Anything else is "not found". */
async function canSee(user: User, job: ExportJobRecord, deps: ExportSpecDeps): Promise<boolean> {
  if (user.role === 'admin') return true;
  return job.kind === 'aggregates' && (await jobReader(user, job, deps)).mayRead(job.areaCode);
}

export type ExportJobViewDeps = Pick<ExportJobDeps, 'exportJobs' | 'reference' | 'areaTree' | 'areaSets' | 'files' | 'clock'>;

export async function viewExportJob(user: User, id: string, deps: ExportJobViewDeps): Promise<ExportJobView> {
  if (!EXPORT_JOB_ID.test(id)) throw problem.notFound();
  const job = await deps.exportJobs.get(id);
  if (!job || !(await canSee(user, job, deps))) throw problem.notFound();
  const view: ExportJobView = { id: job.id, status: job.status, rows: job.rows, bytes: job.bytes };
  // A worker that died leaves its job "running": past the worker's timeout it is reported failed.
  if ((job.status === 'queued' || job.status === 'running') && !reusable(job, deps.clock()))
    return { ...view, status: 'failed', error: 'the export stopped without finishing' };
  if (job.status === 'failed') return { ...view, error: job.error };
  if (job.status !== 'done') return view;
  const expiresAt = new Date(deps.clock().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString();
  return { ...view, url: await deps.files.downloadUrl(job.fileKey, job.fileName, DOWNLOAD_LINK_SECONDS), expiresAt };
}

export type { ExportJobView };
