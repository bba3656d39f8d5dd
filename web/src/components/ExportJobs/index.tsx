// Export jobs on the results page: an official asks for the indicator results of their area, an admin also for
// every response (long or wide, CSV or XLSX, optionally gzip). The server prepares the file in the background;
// this panel follows the job (rows so far), says why it failed, and offers the download link once done.
import type { ExportFormat, ExportJobView, ExportKind } from '@shared/api/exports';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../lib/platform/api';
import { formatCount, formatTime } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { exportJob, startExportJob } from './export-jobs-api';

const POLL_MS = 1500;

/** `areaSet`: the set the results page shows the figures on (re-based), absent for the round's own. */
export function ExportJobs({ roundId, isAdmin, areaSet }: { roundId: string; isAdmin: boolean; areaSet?: string }) {
  const { lang, t } = useLang();
  const [kind, setKind] = useState<ExportKind>('aggregates');
  const [shape, setShape] = useState<'long' | 'wide'>('long');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [gzip, setGzip] = useState(false);
  const [job, setJob] = useState<ExportJobView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);

  // Follows the job until it is done or failed; a new job (or round) stops following the old one.
  const jobId = job?.id;
  const finished = job?.status === 'done' || job?.status === 'failed';
  useEffect(() => {
    if (!jobId || finished) return;
    let stopped = false;
    let asking = false;
    const timer = setInterval(async () => {
      if (asking) return;
      asking = true;
      try {
        const view = await exportJob(jobId);
        if (!stopped) setJob(view);
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        asking = false;
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [jobId, finished]);

  const start = async () => {
    setStarting(true);
    setError(undefined);
    setJob(undefined);
    try {
      // Figures follow the set shown on the page; raw responses always keep the round's areas.
      const onSet = kind === 'aggregates' && areaSet ? { areaSet } : {};
      const request = { roundId, kind, format, ...onSet, ...(kind === 'responses' ? { shape } : {}), ...(format === 'csv' && gzip ? { gzip } : {}) };
      const accepted = await startExportJob(request);
      setJob({ status: 'queued', ...accepted });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };

  const rows = formatCount(job?.rows ?? 0, lang);
  return (
    <section class="export-jobs" data-testid="export-jobs">
      <h2>{t('ui.export_jobs.title')}</h2>
      <p class="hint">{t('ui.export_jobs.hint')}</p>
      {isAdmin && (
        <label>
          {t('ui.export_jobs.kind')}{' '}
          <select data-testid="export-job-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as ExportKind)}>
            <option value="aggregates">{t('ui.export_jobs.kind_aggregates')}</option>
            <option value="responses">{t('ui.export_jobs.kind_responses')}</option>
          </select>
        </label>
      )}
      {kind === 'responses' && (
        <label>
          {t('ui.export_jobs.shape')}{' '}
          <select data-testid="export-job-shape" value={shape} onChange={(e) => setShape(e.currentTarget.value as 'long' | 'wide')}>
            <option value="long">{t('ui.export_jobs.shape_long')}</option>
            <option value="wide">{t('ui.export_jobs.shape_wide')}</option>
          </select>
        </label>
      )}
      <label>
        {t('ui.export_jobs.format')}{' '}
        <select data-testid="export-job-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
          <option value="csv">CSV</option>
          <option value="xlsx">Excel (XLSX)</option>
        </select>
      </label>
      {format === 'csv' && (
        <label>
          <input type="checkbox" data-testid="export-job-gzip" checked={gzip} onChange={(e) => setGzip(e.currentTarget.checked)} /> {t('ui.export_jobs.gzip')}
        </label>
      )}
      <p>
        <button type="button" class="secondary" data-testid="export-job-start" disabled={starting || (!!job && !finished)} onClick={start}>
          {t('ui.export_jobs.start')}
        </button>
      </p>
      <div aria-live="polite" data-testid="export-job-status">
        {job?.status === 'queued' && <p>{t('ui.export_jobs.queued')}</p>}
        {job?.status === 'running' && <p>{t('ui.export_jobs.running', { rows })}</p>}
        {job?.status === 'done' && job.url && (
          <p>
            {t('ui.export_jobs.done', { rows })}{' '}
            <a class="button" href={job.url} download data-testid="export-job-download">
              {t('ui.export_jobs.download')}
            </a>
            {job.expiresAt && (
              <>
                <br />
                <span class="muted">{t('ui.export_jobs.expires', { time: formatTime(job.expiresAt, lang) })}</span>
              </>
            )}
          </p>
        )}
        {job?.status === 'failed' && (
          <p class="error" role="alert" data-testid="export-job-failed">
            {t('ui.export_jobs.failed', { reason: job.error ?? '' })}
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
