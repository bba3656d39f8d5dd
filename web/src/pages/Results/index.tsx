// Results for officials: the round's indicators per ward and for the town (sortable, refreshed every 2 s while
// the page is visible, less often while the server fails), a bar chart per indicator with its target, downloads
// (CSV, XLSX; raw responses for admins), and the comparison with an earlier round. The indicator list, labels
// and units come with the figures (the round's own list); while the server recounts them for a new list, the
// previous figures stay, marked as such. A lazy chunk: collectors never download it.

import type { AggregateLevel, AreaAggregate, Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { Indicator } from '@shared/questionnaire/definition';
import { useState } from 'preact/hooks';
import { CompareTable } from '../../components/CompareTable';
import { ExportJobs } from '../../components/ExportJobs';
import { IndicatorChart } from '../../components/IndicatorChart';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { RecountNotice } from '../../components/RecountNotice';
import { ResultsTable } from '../../components/ResultsTable';
import type { CompareView, Sort } from '../../lib/officials';
import * as officialsApi from '../../lib/officials';
import { ApiError, api } from '../../lib/platform/api';
import { areaName } from '../../lib/platform/areas';
import { saveBlob } from '../../lib/platform/download';
import { formatTime } from '../../lib/platform/format';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { resultsRound } from '../../lib/platform/rounds';
import { loadSession } from '../../lib/platform/storage';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

const REFRESH_MS = 2000;
/** After failures in a row the wait doubles up to this. */
const REFRESH_CAP_MS = 60_000;

type Results = Awaited<ReturnType<typeof officialsApi.results>>;

export function ResultsPage() {
  const { t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas().catch(() => [] as Area[])]), []);
  const [roundId, setRoundId] = useState<string | undefined>();
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [allRounds, areas] = reference.data;
  const now = new Date();
  const rounds = allRounds.filter((r) => Date.parse(r.opensAt) <= now.getTime()).sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  const round = rounds.find((r) => r.id === roundId) ?? resultsRound(allRounds, now);
  return (
    <div class="results-page">
      <h1>{t('ui.results.title')}</h1>
      {rounds.length > 1 && round && (
        <div class="field inline">
          <label for="round-select">{t('ui.results.round_select')}</label>
          <select id="round-select" data-testid="round-select" value={round.id} onChange={(e) => setRoundId(e.currentTarget.value)}>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {round ? <RoundResults key={round.id} round={round} rounds={rounds} areas={areas} /> : <Notice kind="warning">{t('ui.round.none')}</Notice>}
    </div>
  );
}

/** A total is optional: an official of one ward may not read the town or province row. */
async function optionalLevel(roundId: string, level: AggregateLevel): Promise<Results | undefined> {
  try {
    return await officialsApi.results(roundId, level);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

function RoundResults({ round, rounds, areas }: { round: Round; rounds: Round[]; areas: Area[] }) {
  const { lang, t } = useLang();
  const isAdmin = loadSession()?.user.role === 'admin';
  const [data, setData] = useState<{ wards: Results; totals: AreaAggregate[] } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [sort, setSort] = useState<Sort | undefined>();
  const [chartId, setChartId] = useState<string | undefined>();

  officialsApi.useLivePolling(
    async () => {
      try {
        const [wards, ...totals] = await Promise.all([
          officialsApi.results(round.id, 'ward'),
          ...officialsApi.readableTotals(loadSession()?.user, areas).map((level) => optionalLevel(round.id, level)),
        ]);
        setData({ wards, totals: totals.flatMap((level) => level?.areas ?? []) });
        setError(undefined);
        return true;
      } catch (failure) {
        setError(messageOf(failure));
        return false;
      }
    },
    REFRESH_MS,
    REFRESH_CAP_MS,
    [round.id],
  );

  async function download(name: string, fetchFile: () => Promise<{ blob: Blob; filename: string }>) {
    setBusy(name);
    try {
      const { blob, filename } = await fetchFile();
      saveBlob(blob, filename);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  }

  const nameOf = (row: AreaAggregate) => {
    const area = areas.find((a) => a.code === row.code);
    return area ? areaName(area, lang) : row.name;
  };
  const rows = data ? [...data.wards.areas, ...data.totals] : [];
  const updatedAt = data?.wards.updatedAt;
  const indicators = officialsApi.asIndicators(data?.wards.indicators);
  const indicator = indicators.find((i) => i.id === chartId) ?? indicators[0];
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
        <div class="downloads">
          <button
            type="button"
            class="secondary"
            disabled={!!busy}
            data-testid="download-csv"
            onClick={() => download('csv', () => api.aggregatesCsv(round.id, 'ward'))}
          >
            {t('ui.results.download_csv')}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!!busy}
            data-testid="download-xlsx"
            onClick={() => download('xlsx', () => officialsApi.aggregatesXlsx(round.id))}
          >
            {t('ui.results.download_xlsx')}
          </button>
          {isAdmin && (
            <>
              <button
                type="button"
                class="secondary"
                disabled={!!busy}
                data-testid="export-long"
                onClick={() => download('long', () => officialsApi.responsesExport(round.id, 'long'))}
              >
                {t('ui.results.export_long')}
              </button>
              <button
                type="button"
                class="secondary"
                disabled={!!busy}
                data-testid="export-wide"
                onClick={() => download('wide', () => officialsApi.responsesExport(round.id, 'wide'))}
              >
                {t('ui.results.export_wide')}
              </button>
              <button
                type="button"
                class="secondary"
                disabled={!!busy}
                data-testid="export-history"
                onClick={() => download('history', () => officialsApi.historyExport(round.id))}
              >
                {t('ui.results.export_history')}
              </button>
            </>
          )}
        </div>
      </div>
      {busy && (
        <p class="hint" aria-live="polite">
          {t('ui.results.preparing')}
        </p>
      )}
      {error && (
        <Notice kind="error" testId="results-error">
          {error}
        </Notice>
      )}
      {data?.wards.recompute && <RecountNotice recompute={data.wards.recompute} />}
      <ExportJobs roundId={round.id} isAdmin={isAdmin} />
      {data && rows.length === 0 && <Notice>{t('ui.results.empty')}</Notice>}
      {data && rows.length > 0 && indicators.length === 0 && <Notice>{t('ui.results.no_indicators')}</Notice>}
      {rows.length > 0 && (
        <>
          <p class="hint scroll-hint">{t('ui.results.scroll_hint_n', { n: indicators.length })}</p>
          <ResultsTable rows={rows} indicators={indicators} areas={areas} sort={sort} onSort={setSort} reportLinks />

          {indicator && (
            <>
              <h2>{t('ui.chart.title')}</h2>
              <div class="field inline">
                <label for="chart-indicator">{t('ui.chart.indicator')}</label>
                <select id="chart-indicator" data-testid="chart-indicator" value={indicator.id} onChange={(e) => setChartId(e.currentTarget.value)}>
                  {indicators.map((i) => (
                    <option key={i.id} value={i.id}>
                      {officialsApi.labelOf(i, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <IndicatorChart indicator={indicator} rows={rows} nameOf={nameOf} />
            </>
          )}
        </>
      )}
      <Comparison round={round} rounds={rounds} areas={areas} indicators={indicators} />
    </>
  );
}

function Comparison({ round, rounds, areas, indicators }: { round: Round; rounds: Round[]; areas: Area[]; indicators: Indicator[] }) {
  const { t } = useLang();
  const others = rounds.filter((r) => r.id !== round.id);
  const [baseId, setBaseId] = useState<string>('');
  const comparison = useAsync<CompareView | undefined>(
    () => (baseId ? officialsApi.compareRounds(round.id, baseId, 'ward') : Promise.resolve(undefined)),
    [round.id, baseId],
  );
  return (
    <section class="compare-section">
      <h2>{t('ui.compare.title')}</h2>
      {others.length === 0 ? (
        <p class="muted">{t('ui.compare.none')}</p>
      ) : (
        <div class="field inline">
          <label for="compare-base">{t('ui.compare.base')}</label>
          <select id="compare-base" data-testid="compare-base" value={baseId} onChange={(e) => setBaseId(e.currentTarget.value)}>
            <option value="">{t('ui.compare.choose')}</option>
            {others.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {comparison.error && <LoadFailed error={comparison.error} onRetry={comparison.reload} />}
      {comparison.data && (
        <CompareTable
          comparison={comparison.data}
          indicators={comparison.data.indicators ? officialsApi.asIndicators(comparison.data.indicators) : indicators}
          areas={areas}
        />
      )}
    </section>
  );
}
