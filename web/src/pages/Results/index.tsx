// Results for officials: the round's indicators per ward and for the town, refreshed every 2 s while the
// page is visible, with the CSV download.
import { useState } from 'preact/hooks';
import type { AggregatesResponse, Round } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { ResultsTable } from '../../components/ResultsTable';
import { api, ApiError } from '../../lib/api';
import { saveBlob } from '../../lib/download';
import { formatTime } from '../../lib/format';
import { getAreas, getRounds } from '../../lib/reference';
import { resultsRound } from '../../lib/rounds';
import { useAsync } from '../../lib/use-async';
import { useLang } from '../../lib/use-lang';
import { usePolling } from '../../lib/use-polling';

const REFRESH_MS = 2000;

export function ResultsPage() {
  const { t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas().catch(() => [] as Area[])]), []);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [rounds, areas] = reference.data;
  const round = resultsRound(rounds, new Date());
  return (
    <div class="results-page">
      <h1>{t('ui.results.title')}</h1>
      {round ? <RoundResults round={round} areas={areas} /> : <Notice kind="warning">{t('ui.round.none')}</Notice>}
    </div>
  );
}

/** The town total is optional: an official of one ward may not read the district row. */
async function townTotal(roundId: string): Promise<AggregatesResponse | undefined> {
  try {
    return await api.aggregates(roundId, 'district');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

function RoundResults({ round, areas }: { round: Round; areas: Area[] }) {
  const { lang, t } = useLang();
  const [data, setData] = useState<{ wards: AggregatesResponse; town?: AggregatesResponse } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);

  usePolling(
    async () => {
      try {
        const [wards, town] = await Promise.all([api.aggregates(round.id, 'ward'), townTotal(round.id)]);
        setData({ wards, town });
        setError(undefined);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    REFRESH_MS,
    [round.id],
  );

  async function download() {
    setDownloading(true);
    try {
      const { blob, filename } = await api.aggregatesCsv(round.id, 'ward');
      saveBlob(blob, filename);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setDownloading(false);
    }
  }

  const rows = data ? [...data.wards.areas, ...(data.town?.areas ?? [])] : [];
  const updatedAt = data?.wards.updatedAt;
  return (
    <>
      <p class="context" data-testid="round-name">
        {t('ui.round.label', { name: round.name })}
      </p>
      <div class="toolbar">
        <p class="muted" data-testid="results-updated" aria-live="polite">
          {updatedAt ? t('ui.results.updated_at', { time: formatTime(updatedAt, lang) }) : data ? t('ui.results.no_data') : t('ui.loading')}
          <br />
          {t('ui.results.live')}
        </p>
        <button type="button" class="secondary" disabled={downloading} data-testid="download-csv" onClick={download}>
          {t('ui.results.download_csv')}
        </button>
      </div>
      {error && (
        <Notice kind="error" testId="results-error">
          {error}
        </Notice>
      )}
      {data && rows.length === 0 && <Notice>{t('ui.results.empty')}</Notice>}
      {rows.length > 0 && (
        <>
          <p class="hint scroll-hint">{t('ui.results.scroll_hint')}</p>
          <ResultsTable rows={rows} areas={areas} />
        </>
      )}
    </>
  );
}
