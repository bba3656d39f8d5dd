// The indicator table: one row per ward then the town (and province) totals, one column per indicator of the
// catalogue. Met / not met is told by colour and by text. Columns sort (the totals stay at the bottom); the
// table scrolls sideways inside its box on a phone.
import type { AreaAggregate } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { INDICATORS } from '@shared/indicators/catalogue';
import { coverageOf, nextSort, type Sort, type SortKey, sortAreas } from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { formatCount, formatPercent, formatTarget } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';

type IndicatorResult = AreaAggregate['indicators'][number];

interface Props {
  rows: readonly AreaAggregate[];
  /** For English names; the aggregate rows carry the Vietnamese one. */
  areas: readonly Area[];
  sort?: Sort;
  onSort?: (sort: Sort) => void;
  /** Links each ward to its printable report. */
  reportLinks?: boolean;
}

export function ResultsTable({ rows, areas, sort, onSort, reportLinks }: Props) {
  const { lang, t } = useLang();
  const nameOf = (row: AreaAggregate) => {
    const area = areas.find((a) => a.code === row.code);
    return area ? areaName(area, lang) : row.name;
  };
  const wards = sortAreas(
    rows.filter((r) => r.level === 'ward'),
    sort,
    nameOf,
    lang,
  );
  const totals = rows.filter((r) => r.level !== 'ward');

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways in this box; a scrollable region needs keyboard focus to be scrolled without a mouse.
    <section class="table-scroll" aria-label={t('ui.results.title')} tabIndex={0}>
      <table class="results" data-testid="results-table">
        <thead>
          <tr>
            <SortableHead sort={sort} onSort={onSort} sortKey="name" label={t('ui.results.area')} class="sticky" />
            <SortableHead sort={sort} onSort={onSort} sortKey="households" label={t('ui.results.households')} class="households" />
            {INDICATORS.map((indicator) => (
              <SortableHead
                key={indicator.id}
                sort={sort}
                onSort={onSort}
                sortKey={`indicator:${indicator.id}`}
                label={lang === 'vi' ? indicator.vi : indicator.en}
                testId={`head-${indicator.id}`}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {[...wards, ...totals].map((row) => (
            <tr key={row.code} class={row.level === 'ward' ? undefined : 'total'} data-testid={`results-row-${row.code}`}>
              <th scope="row" class="sticky">
                {nameOf(row)}
                {row.level !== 'ward' && <span class="total-tag"> ({t('ui.results.total')})</span>}
                {reportLinks && row.level === 'ward' && (
                  <a class="report-link" href={href('report', row.code)} data-testid={`report-link-${row.code}`}>
                    {t('ui.results.report')}
                  </a>
                )}
              </th>
              <td class="households" data-testid={`households-${row.code}`}>
                {formatCount(row.households.surveyed, lang)}
                {row.households.total !== null && <span class="muted"> / {formatCount(row.households.total, lang)}</span>}
                {coverageOf(row) !== null && (
                  <span class="coverage" data-testid={`coverage-${row.code}`}>
                    {t('ui.results.coverage', { percent: formatPercent(coverageOf(row), lang) })}
                  </span>
                )}
              </td>
              {INDICATORS.map((indicator) => (
                <IndicatorCell key={indicator.id} code={row.code} id={indicator.id} result={row.indicators.find((r) => r.id === indicator.id)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface SortableHeadProps {
  sortKey: SortKey;
  label: string;
  class?: string;
  testId?: string;
  sort?: Sort;
  onSort?: (sort: Sort) => void;
}

/** A column head; a button that sorts by it when the table is sortable. Top level so that heads keep their identity (and focus) across renders. */
function SortableHead({ sortKey, label, class: className, testId, sort, onSort }: SortableHeadProps) {
  const { t } = useLang();
  const active = sort?.key === sortKey;
  return (
    <th scope="col" class={className} data-testid={testId} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {onSort ? (
        <button
          type="button"
          class="sort"
          data-testid={`sort-${sortKey}`}
          onClick={() => onSort(nextSort(sort, sortKey))}
          aria-label={t('ui.results.sort_by', { column: label })}
        >
          {label}
          <span aria-hidden="true" class="sort-mark">
            {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

function IndicatorCell({ code, id, result }: { code: string; id: string; result?: IndicatorResult }) {
  const { lang, t } = useLang();
  const testId = `cell-${code}-${id}`;
  if (!result) return <td data-testid={testId}>—</td>;
  const met = result.met;
  return (
    <td class={met === true ? 'met' : met === false ? 'unmet' : undefined} data-testid={testId}>
      <span class="pct">{formatPercent(result.percent, lang)}</span>
      <span class="nd" data-testid={`${testId}-nd`}>
        {formatCount(result.numerator, lang)}/{formatCount(result.denominator, lang)}
      </span>
      {result.target !== null && <span class="target">{t('ui.results.target', { target: formatTarget(result.target, lang) })}</span>}
      {met !== null && <span class="status">{t(met ? 'ui.results.met' : 'ui.results.not_met')}</span>}
    </td>
  );
}
