// Results for officials: the round's indicators per ward and for the town (sortable, refreshed every 2 s while
// the page is visible, less often while the server fails), a bar chart per indicator with its target, downloads
// (CSV, XLSX; raw responses for admins), and the comparison with an earlier round. The indicator list, labels
// and units come with the figures (the round's own list); while the server recounts them for a new list, the
// previous figures stay, marked as such. Where the map changed, the figures can be shown on another area set
// (the 2024 round on the 2025 wards: each new ward the sum of the former units, with the server's notes); the
// round and the set chosen are kept in the address (`#/results?round=…&areaSet=…`) so a reload keeps them.
// A lazy chunk: collectors never download it.

import type { AggregateLevel, AreaAggregate, Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AreaNotes } from '../../components/AreaNotes';
import { AreaSetSwitch } from '../../components/AreaSetSwitch';
import { ExportJobs } from '../../components/ExportJobs';
import { IndicatorChart } from '../../components/IndicatorChart';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { RecountNotice } from '../../components/RecountNotice';
import { ResultsTable } from '../../components/ResultsTable';
import type { AreaSetView, Sort } from '../../lib/officials';
import * as officialsApi from '../../lib/officials';
import { ApiError } from '../../lib/platform/api';
import { areaName } from '../../lib/platform/areas';
import { saveBlob } from '../../lib/platform/download';
import { formatTime } from '../../lib/platform/format';
import { hashQuery, hrefWithQuery, replaceHashQuery } from '../../lib/platform/hash-query';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { resultsRound } from '../../lib/platform/rounds';
import { loadSession } from '../../lib/platform/storage';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { Comparison } from './comparison';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

const REFRESH_MS = 2000;
/** After failures in a row the wait doubles up to this. */
const REFRESH_CAP_MS = 60_000;

type Results = Awaited<ReturnType<typeof officialsApi.results>>;

export function ResultsPage() {
  const { t } = useLang();
  const reference = useAsync(
    () => Promise.all([getRounds(), getAreas().catch(() => [] as Area[]), officialsApi.listAreaSets().catch(() => [] as AreaSetView[])]),
    [],
  );
  const [roundId, setRoundId] = useState<string | undefined>(() => hashQuery().get('round') ?? undefined);
  const [areaSet, setAreaSet] = useState<string | undefined>(() => hashQuery().get('areaSet') ?? undefined);
  useEffect(() => replaceHashQuery({ round: roundId, areaSet }), [roundId, areaSet]);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [allRounds, areas, sets] = reference.data;
  const now = new Date();
  const rounds = allRounds.filter((r) => Date.parse(r.opensAt) <= now.getTime()).sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  const round = rounds.find((r) => r.id === roundId) ?? resultsRound(allRounds, now);
  // Another round starts on its own set.
  const chooseRound = (id: string) => {
    setRoundId(id);
    setAreaSet(undefined);
  };
  return (
    <div class="results-page">
      <h1>{t('ui.results.title')}</h1>
      {rounds.length > 1 && round && (
        <div class="field inline">
          <label for="round-select">{t('ui.results.round_select')}</label>
          <select id="round-select" data-testid="round-select" value={round.id} onChange={(e) => chooseRound(e.currentTarget.value)}>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {round ? (
        <RoundResults key={round.id} round={round} rounds={rounds} areas={areas} sets={sets} areaSet={areaSet} onAreaSet={setAreaSet} />
      ) : (
        <Notice kind="warning">{t('ui.round.none')}</Notice>
      )}
    </div>
  );
}

/** A total is optional: an official of one ward may not read the town or province row. */
async function optionalLevel(roundId: string, level: AggregateLevel, areaSet: string | undefined): Promise<Results | undefined> {
  try {
    return await officialsApi.results(roundId, level, areaSet);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

interface RoundResultsProps {
  round: Round;
  rounds: Round[];
  /** The served list: the user's areas are codes of it. */
  areas: Area[];
  sets: AreaSetView[];
  /** The set asked for (the address's `areaSet`); the round's own when absent. */
  areaSet: string | undefined;
  onAreaSet: (id: string | undefined) => void;
}

function RoundResults({ round, rounds, areas, sets, areaSet, onAreaSet }: RoundResultsProps) {
  const { lang, t } = useLang();
  const viewable = useAsync(() => officialsApi.viewableSets(round.areaSetId, sets), [round.areaSetId, sets]);
  // Another set than the round's own, once it is known to be one the figures can be shown on.
  const rebaseOnto = areaSet && areaSet !== round.areaSetId && (!viewable.data || viewable.data.some((s) => s.id === areaSet)) ? areaSet : undefined;
  const shownSet = rebaseOnto ?? round.areaSetId;
  // Names come from the set shown: a code may mean another unit in another set (14812: Ba Đình, then Phường Bỉm Sơn).
  const setAreas = useAsync(() => (shownSet ? officialsApi.areasOfSet(shownSet) : Promise.resolve(areas)), [shownSet]);
  // While another set's names load, the rows' own names (the server's, in the set shown) stand in.
  const names = !setAreas.loading && setAreas.data ? setAreas.data : shownSet ? [] : areas;
  const isAdmin = loadSession()?.user.role === 'admin';
  const [data, setData] = useState<{ wards: Results; totals: Results['areas'] } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [sort, setSort] = useState<Sort | undefined>();
  const [chartId, setChartId] = useState<string | undefined>();

  // A set without a town level (2025) has no town row to ask for.
  const levelsShown = new Set((setAreas.data ?? areas).map((a) => a.level));
  const shown = useRef(rebaseOnto);
  shown.current = rebaseOnto;
  officialsApi.useLivePolling(
    async () => {
      const asked = rebaseOnto;
      try {
        const totalLevels = officialsApi.readableTotals(loadSession()?.user, areas).filter((level) => levelsShown.has(level));
        const [wards, ...totals] = await Promise.all([
          officialsApi.results(round.id, 'ward', rebaseOnto),
          ...totalLevels.map((level) => optionalLevel(round.id, level, rebaseOnto)),
        ]);
        // An answer for the set shown before the last switch is dropped.
        if (shown.current !== asked) return true;
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
    [round.id, rebaseOnto],
  );
  // Figures of another set are not shown under this one's names while the new ones load.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when the set shown changes, on purpose.
  useEffect(() => setData(undefined), [rebaseOnto]);

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
    const area = names.find((a) => a.code === row.code);
    return area ? areaName(area, lang) : row.name;
  };
  const rows = data ? [...data.wards.areas, ...data.totals] : [];
  const updatedAt = data?.wards.updatedAt;
  const reportHref = (code: string) => hrefWithQuery(['report', code, round.id], { areaSet: rebaseOnto });
  const indicators = officialsApi.asIndicators(data?.wards.indicators);
  const indicator = indicators.find((i) => i.id === chartId) ?? indicators[0];
  const approvedOnly = data?.wards.countPolicy === 'approved';
  return (
    <>
      <p class="context" data-testid="round-name">
        {t('ui.round.label', { name: round.name })}
      </p>
      {viewable.data && <AreaSetSwitch sets={viewable.data} chosen={shownSet ?? ''} onChoose={(id) => onAreaSet(id === round.areaSetId ? undefined : id)} />}
      {rebaseOnto && viewable.data && <RebasedHint set={viewable.data.find((s) => s.id === rebaseOnto)} />}
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
            onClick={() => download('csv', () => officialsApi.aggregatesCsv(round.id, 'ward', rebaseOnto))}
          >
            {t('ui.results.download_csv')}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={!!busy}
            data-testid="download-xlsx"
            onClick={() => download('xlsx', () => officialsApi.aggregatesXlsx(round.id, undefined, rebaseOnto))}
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
      <ExportJobs roundId={round.id} isAdmin={isAdmin} areaSet={rebaseOnto} />
      {data && rows.length === 0 && <Notice>{t('ui.results.empty')}</Notice>}
      {data && rows.length > 0 && indicators.length === 0 && <Notice>{t('ui.results.no_indicators')}</Notice>}
      {rows.length > 0 && (
        <>
          <p class="hint scroll-hint">{t('ui.results.scroll_hint_n', { n: indicators.length })}</p>
          {approvedOnly && (
            <>
              <Notice testId="policy-approved">{t('ui.results.policy_approved')}</Notice>
              <h2>{t('ui.results.confirmed')}</h2>
            </>
          )}
          <ResultsTable rows={rows} indicators={indicators} areas={names} sort={sort} onSort={setSort} reportHref={reportHref} reviewLinks={!rebaseOnto} />
          <AreaNotes areas={rows} />
          {approvedOnly && (
            // Not a second landmark: the table's own scrolling region already bears the provisional name.
            <div data-testid="provisional">
              <h2>{t('ui.results.provisional')}</h2>
              <ResultsTable
                rows={officialsApi.provisionalRows(rows)}
                indicators={indicators}
                areas={names}
                sort={sort}
                onSort={setSort}
                label={t('ui.results.provisional')}
              />
            </div>
          )}

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
      <Comparison round={round} rounds={rounds} areas={names} indicators={indicators} areaSet={rebaseOnto} />
    </>
  );
}

/** What the figures on another set are: sums of the former units. */
function RebasedHint({ set }: { set: AreaSetView | undefined }) {
  const { lang, t } = useLang();
  if (!set) return null;
  const { key, date } = officialsApi.areaSetPeriod(set, lang);
  return (
    <p class="hint" data-testid="rebased-hint">
      {t('ui.areaSets.rebased', { period: t(key, { date }) })}
    </p>
  );
}
