// The use cases behind POST /api/exports and GET /api/exports/{id}: start (or find) the job for an export, and
// tell its state with a fresh download link once done. The work itself is run-export-job.ts, in the background.
import type { User } from '@shared/api/contract';
import type { ExportJobRequest, ExportJobView } from '@shared/api/exports';
import type { AreaTree } from '@shared/areas/areas';
import type { Lang } from '@shared/survey/form';
import { canReadAggregatesOf } from '../../access/scope';
import { problem } from '../../errors';
import type { ExportJobRecord, ExportJobsRepo, ReferenceRepo } from '../../repo/types';
import type { ExportFiles } from '../../storage/export-files';
import { requireRound } from '../rounds/require-round';
import { type DataVersionDeps, dataVersion, EXPORT_JOB_ID, type ExportSpec, exportJobId } from './job-key';

/** A queued or running job not written for this long has died (the worker's timeout is 15 minutes). */
export const STALE_JOB_MS = 20 * 60 * 1000;
/** A done job's file is reused for this long; the bucket expires export files a day later. */
export const FILE_REUSE_MS = 6 * 24 * 3600 * 1000;
/** How long a download link works. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

export interface ExportJobDeps extends DataVersionDeps {
  exportJobs: ExportJobsRepo;
  reference: Pick<ReferenceRepo, 'getRound'>;
  areaTree: () => Promise<AreaTree>;
  files: ExportFiles;
  /** Starts the worker on a job without waiting for it (an async Lambda invoke in AWS, in process locally). */
  dispatch: (jobId: string) => Promise<void>;
  clock: () => Date;
}

/** Who may export what where; resolves the area an export covers. */
function resolveSpec(user: User, request: ExportJobRequest, lang: Lang, tree: AreaTree): ExportSpec {
  const province = tree.ofLevel('province')[0]?.code;
  const official = user.role === 'official' && user.areas.length === 1 ? user.areas[0] : undefined;
  const areaCode = request.areaCode ?? (user.role === 'admin' ? province : official);
  if (!areaCode) throw problem.invalidField('areaCode', 'validation.area_required');
  const level = tree.get(areaCode)?.level;
  if (!level || level === 'village') throw problem.invalidField('areaCode', 'validation.unknown_area');
  const format = request.format;
  if (request.kind === 'responses') {
    if (user.role !== 'admin') throw problem.forbidden();
    return { roundId: request.roundId, kind: 'responses', shape: request.shape ?? 'long', format, gzip: format === 'csv' && !!request.gzip, areaCode };
  }
  if (!canReadAggregatesOf(user, areaCode, tree)) throw problem.forbidden('areaCode');
  return { roundId: request.roundId, kind: 'aggregates', format, gzip: format === 'csv' && !!request.gzip, areaCode, lang };
}

function reusable(job: ExportJobRecord, now: Date): boolean {
  const age = now.getTime() - Date.parse(job.updatedAt);
  if (job.status === 'done') return now.getTime() - Date.parse(job.finishedAt ?? job.updatedAt) < FILE_REUSE_MS;
  if (job.status === 'failed') return false;
  return age < STALE_JOB_MS;
}

function fileNameOf(spec: ExportSpec, id: string): string {
  const what = spec.kind === 'responses' ? `responses-${spec.shape}` : 'aggregates';
  return `phieu-${spec.roundId}-${what}-${spec.areaCode}-${id.slice(0, 8)}.${spec.format}${spec.gzip ? '.gz' : ''}`;
}

export async function startExportJob(user: User, request: ExportJobRequest, lang: Lang, deps: ExportJobDeps): Promise<ExportJobRecord> {
  await requireRound(deps.reference, request.roundId);
  const spec = resolveSpec(user, request, lang, await deps.areaTree());
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

/** Admins see every job; officials the aggregates jobs of their areas. Anything else is "not found". */
function canSee(user: User, job: ExportJobRecord, tree: AreaTree): boolean {
  if (user.role === 'admin') return true;
  return job.kind === 'aggregates' && canReadAggregatesOf(user, job.areaCode, tree);
}

export async function viewExportJob(user: User, id: string, deps: Pick<ExportJobDeps, 'exportJobs' | 'areaTree' | 'files' | 'clock'>): Promise<ExportJobView> {
  if (!EXPORT_JOB_ID.test(id)) throw problem.notFound();
  const job = await deps.exportJobs.get(id);
  if (!job || !canSee(user, job, await deps.areaTree())) throw problem.notFound();
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
