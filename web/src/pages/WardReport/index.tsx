// A printable one-page report of one ward: the round's indicators (its own list, household ones then person
// ones) against their targets, the households they stand on (coverage per village), the round and the date.
// The print stylesheet drops the app's chrome and keeps it to one A4 sheet (12 villages fit); a lazy chunk.
// On another area set (`?areaSet=`, the results page's choice) the ward is one of that set, its figures the sums
// of the former units, with the server's notes; the former units take the place of the village coverage.

import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { Indicator } from '@shared/questionnaire/definition';
import { AreaNotes } from '../../components/AreaNotes';
import { CoverageFigure } from '../../components/CoverageFigure';
import { Duplicates } from '../../components/Duplicates';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as officialsApi from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { formatCount, formatPercent, formatTarget } from '../../lib/platform/format';
import { hashQuery, hrefWithQuery } from '../../lib/platform/hash-query';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { resultsRound } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { type FormerUnit, FormerUnits, formerUnitsOf } from './former-units';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

export function formatDate(iso: string, lang: 'vi' | 'en'): string {
  return new Date(iso).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** The ward of another set and the former units that formed it (their figures from the round's own set). */
async function loadRebased(round: Round, wardCode: string, areaSet: string) {
  const own = round.areaSetId!;
  const [wards, areas, ownRows, ownAreas, mapping] = await Promise.all([
    officialsApi.results(round.id, 'ward', areaSet),
    officialsApi.areasOfSet(areaSet).catch(() => [] as Area[]),
    officialsApi.results(round.id, 'ward'),
    officialsApi.areasOfSet(own).catch(() => [] as Area[]),
    officialsApi.mappingBetween(areaSet, own),
  ]);
  const former: FormerUnit[] = formerUnitsOf(wardCode, mapping ?? [], ownRows.areas, ownAreas);
  return { wards, areas, coverage: undefined, former, ownAreas };
}

async function loadReport(wardCode: string, roundId: string | undefined, areaSet: string | undefined) {
  const rounds = await getRounds();
  const round: Round | undefined = rounds.find((r) => r.id === roundId) ?? resultsRound(rounds, new Date());
  if (!round) return { round };
  const rebased = Boolean(areaSet && round.areaSetId && areaSet !== round.areaSetId);
  const { wards, areas, coverage, former, ownAreas } = rebased
    ? await loadRebased(round, wardCode, areaSet!)
    : await Promise.all([
        officialsApi.results(round.id, 'ward'),
        round.areaSetId ? officialsApi.areasOfSet(round.areaSetId).catch(() => getAreas()) : getAreas().catch(() => [] as Area[]),
        officialsApi.coverage(round.id, wardCode),
      ]).then(([wards, areas, coverage]) => ({ wards, areas, coverage, former: undefined, ownAreas: areas }));
  return {
    round,
    areas,
    ward: wards.areas.find((a) => a.code === wardCode),
    updatedAt: wards.updatedAt,
    coverage,
    former,
    ownAreas,
    shownOn: rebased ? areaSet : undefined,
    indicators: officialsApi.asIndicators(wards.indicators),
    recompute: wards.recompute ?? null,
  };
}

/** `areaSet` (default: the address's `?areaSet=`, the results page's choice): the set the ward is one of. */
export function WardReportPage({
  wardCode,
  roundId,
  areaSet = hashQuery().get('areaSet') ?? undefined,
}: {
  wardCode: string;
  roundId?: string;
  areaSet?: string;
}) {
  const { lang, t } = useLang();
  const report = useAsync(() => loadReport(wardCode, roundId, areaSet), [wardCode, roundId, areaSet]);
  if (report.error) return <LoadFailed error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  if (!report.data.round) return <Notice kind="warning">{t('ui.round.none')}</Notice>;
  const { round, areas, ward, updatedAt, coverage, former, ownAreas, shownOn, indicators, recompute } = report.data;
  if (!ward || (!coverage && !former)) return <Notice kind="error">{t('error.forbidden')}</Notice>;
  const area = areas.find((a) => a.code === wardCode);
  const name = area ? areaName(area, lang) : ward.name;
  const villageName = (code: string, fallback: string) => {
    const village = areas.find((a) => a.code === code);
    return village ? areaName(village, lang) : fallback;
  };
  const today = new Date().toISOString();
  // On another set the server's coverage (per unit of the round's own set) does not apply: the sums do.
  const counts = coverage ?? { surveyed: ward.households.surveyed, total: ward.households.total, percent: officialsApi.coverageOf(ward) };
  return (
    <article class="ward-report" data-testid="ward-report">
      <div class="no-print report-actions">
        <a href={hrefWithQuery(['results'], { round: round.id, areaSet: shownOn })}>{t('ui.report.back')}</a>
        <button type="button" class="primary" data-testid="print-report" onClick={() => print()}>
          {t('ui.report.print')}
        </button>
      </div>
      <header>
        <p class="report-kicker">{t('ui.report.kicker')}</p>
        <h1 data-testid="report-ward">{name}</h1>
        <p>
          {t('ui.round.label', { name: round.name })} · {t('ui.report.figures_at', { date: updatedAt ? formatDate(updatedAt, lang) : '—' })} ·{' '}
          {t('ui.report.printed_at', { date: formatDate(today, lang) })}
        </p>
      </header>

      <section>
        <h2>{t('ui.report.coverage')}</h2>
        <p data-testid="report-coverage">
          {counts.total === null
            ? t('ui.report.coverage_unknown', { surveyed: formatCount(counts.surveyed, lang) })
            : t('ui.report.coverage_line', {
                surveyed: formatCount(counts.surveyed, lang),
                total: formatCount(counts.total, lang),
                percent: counts.surveyed > counts.total ? t('ui.coverage.over_short') : formatPercent(counts.percent, lang),
              })}{' '}
          {coverage && (coverage.rosterImportedAt ? t('ui.report.roster_at', { date: formatDate(coverage.rosterImportedAt, lang) }) : t('ui.report.no_roster'))}
        </p>
        {counts.total !== null && counts.surveyed > counts.total && (
          <Notice kind="warning" testId="report-coverage-over">
            {t('ui.coverage.over', { surveyed: formatCount(counts.surveyed, lang), total: formatCount(counts.total, lang) })}
          </Notice>
        )}
      </section>
      <AreaNotes areas={[ward]} testId="report-notes" />

      {recompute && (
        <p class="report-note" data-testid="report-recompute">
          {recompute.state === 'failed'
            ? t('ui.results.recompute_failed')
            : t('ui.results.recomputing', {
                processed: formatCount(recompute.processed, lang),
                total: recompute.total === null ? '…' : formatCount(recompute.total, lang),
              })}
        </p>
      )}
      <section>
        <h2>{t('ui.report.indicators')}</h2>
        <table class="plain report-table" data-testid="report-indicators">
          <thead>
            <tr>
              <th scope="col">{t('export.col.indicator_name')}</th>
              <th scope="col" class="num">
                {t('export.col.percent')}
              </th>
              <th scope="col" class="num">
                {t('ui.report.counts')}
              </th>
              <th scope="col" class="num">
                {t('export.col.target')}
              </th>
              <th scope="col">{t('export.col.met')}</th>
            </tr>
          </thead>
          <tbody>
            {(['household', 'person'] as const).map((unit) => {
              const group = officialsApi.groupByUnit(indicators)[unit];
              if (group.length === 0) return null;
              return [
                <tr key={unit} class="group-row">
                  <th scope="rowgroup" colSpan={5}>
                    {t(unit === 'household' ? 'ui.results.group_household' : 'ui.results.group_person')}
                  </th>
                </tr>,
                ...group.map((indicator) => <ReportRow key={indicator.id} indicator={indicator} ward={ward} />),
              ];
            })}
          </tbody>
        </table>
      </section>

      {former && <FormerUnits units={former} ownAreas={ownAreas} />}
      {coverage && (
        <section>
          <h2>{t('ui.report.villages')}</h2>
          <table class="plain report-table" data-testid="report-villages">
            <thead>
              <tr>
                <th scope="col">{t('ui.report.village')}</th>
                <th scope="col" class="num">
                  {t('ui.report.surveyed')}
                </th>
                <th scope="col" class="num">
                  {t('ui.report.on_roster')}
                </th>
                <th scope="col" class="num">
                  {t('ui.report.roster_total')}
                </th>
                <th scope="col" class="num">
                  {t('export.col.coverage')}
                </th>
              </tr>
            </thead>
            <tbody>
              {coverage.villages.map((v) => (
                <tr key={v.villageCode} data-testid={`report-village-${v.villageCode}`}>
                  <th scope="row">{villageName(v.villageCode, v.name)}</th>
                  <td class="num">{formatCount(v.surveyed, lang)}</td>
                  <td class="num">{formatCount(v.onRoster, lang)}</td>
                  <td class="num">{v.total === null ? '—' : formatCount(v.total, lang)}</td>
                  <td class="num">
                    <CoverageFigure surveyed={v.surveyed} total={v.total} variant="cell" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {coverage && <Duplicates roundId={round.id} wardCode={ward.code} />}
      <footer class="report-footer">{t('ui.report.footer')}</footer>
    </article>
  );
}

function ReportRow({ indicator, ward }: { indicator: Indicator; ward: officialsApi.ResultsRow }) {
  const { lang, t } = useLang();
  const result = ward.indicators.find((r) => r.id === indicator.id);
  const met = result?.met ?? null;
  const target = officialsApi.targetPercentOf(indicator);
  return (
    <tr class={met === true ? 'met' : met === false ? 'unmet' : undefined} data-testid={`report-row-${indicator.id}`}>
      <th scope="row">{officialsApi.labelOf(indicator, lang)}</th>
      <td class="num">{!result || result.percent === null ? t('ui.results.no_data_cell') : formatPercent(result.percent, lang)}</td>
      <td class="num">{result ? `${formatCount(result.numerator, lang)}/${formatCount(result.denominator, lang)}` : '—'}</td>
      <td class="num">{target === null ? '—' : formatTarget(target, lang)}</td>
      <td class="status">{met === null ? '—' : t(met ? 'ui.results.met' : 'ui.results.not_met')}</td>
    </tr>
  );
}
