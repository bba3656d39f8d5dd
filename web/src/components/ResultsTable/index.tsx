// The indicator table: one row per ward then the town (and province) totals, one column per indicator of the
// round's list (household indicators, then person ones, each group under its own head). Met / not met is told
// by colour and by text; no denominator is "no data", never a percent. Columns sort (the totals stay at the
// bottom); the table scrolls inside its box, its head row and area column staying in view. An area whose
// figures carry a note (shown on another area set) says so by its name; the notes are listed under the table.
import type { AreaAggregate } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import type { Indicator } from '@shared/questionnaire/definition';
import { readCoverage } from '@shared/roster/coverage';
import { groupByUnit, labelOf, nextSort, type Sort, type SortKey, sortAreas } from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { formatCount, formatPercent, formatTarget } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';

type IndicatorResult = AreaAggregate['indicators'][number];

interface Props {
  rows: readonly (AreaAggregate & { notes?: readonly unknown[] })[];
  /** The round's list the figures count, in display order (the aggregates answer's `indicators`). */
  indicators: readonly Indicator[];
  /** For English names; the aggregate rows carry the Vietnamese one. */
  areas: readonly Area[];
  sort?: Sort;
  onSort?: (sort: Sort) => void;
  /** Links each ward to its printable report (the href of a ward's report). */
  reportHref?: (wardCode: string) => string;
  /** Links each ward to its review page. */
  reviewLinks?: boolean;
  /** The scrolling region's name when the page holds two tables (confirmed and provisional figures). */
  label?: string;
}

export function ResultsTable({ rows, indicators, areas, sort, onSort, reportHref, reviewLinks, label }: Props) {
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
  const groups = groupByUnit(indicators);
  const columns = [...groups.household, ...groups.person];

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways in this box; a scrollable region needs keyboard focus to be scrolled without a mouse.
    <section class="table-scroll" aria-label={label ?? t('ui.results.title')} tabIndex={0}>
      <table class="results" data-testid="results-table">
        <thead>
          <tr class="groups">
            <SortableHead sort={sort} onSort={onSort} sortKey="name" label={t('ui.results.area')} class="sticky corner" rowSpan={2} />
            <SortableHead sort={sort} onSort={onSort} sortKey="households" label={t('ui.results.households')} class="households" rowSpan={2} />
            {groups.household.length > 0 && (
              <th scope="colgroup" colSpan={groups.household.length} class="group" data-testid="group-household">
                {t('ui.results.group_household')}
              </th>
            )}
            {groups.person.length > 0 && (
              <th scope="colgroup" colSpan={groups.person.length} class="group group-person" data-testid="group-person">
                {t('ui.results.group_person')}
              </th>
            )}
          </tr>
          <tr class="heads">
            {columns.map((indicator, at) => (
              <SortableHead
                key={indicator.id}
                sort={sort}
                onSort={onSort}
                sortKey={`indicator:${indicator.id}`}
                label={labelOf(indicator, lang)}
                class={at === groups.household.length && at > 0 ? 'group-start' : undefined}
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
                {row.notes && row.notes.length > 0 && (
                  <span class="note-tag" data-testid={`note-tag-${row.code}`}>
                    {' '}
                    ({t('ui.areaSets.has_note')})
                  </span>
                )}
                {reportHref && row.level === 'ward' && (
                  <a class="report-link" href={reportHref(row.code)} data-testid={`report-link-${row.code}`}>
                    {t('ui.results.report')}
                  </a>
                )}
                {reviewLinks && row.level === 'ward' && (
                  <a class="report-link" href={href('review', row.code)} data-testid={`review-link-${row.code}`}>
                    {t('ui.review.open')}
                  </a>
                )}
              </th>
              <td class="households" data-testid={`households-${row.code}`}>
                {formatCount(row.households.surveyed, lang)}
                {row.households.total !== null && <span class="muted"> / {formatCount(row.households.total, lang)}</span>}
                <CoverageLine surveyed={row.households.surveyed} total={row.households.total} testId={`coverage-${row.code}`} />
                {row.households.approved !== undefined && (
                  <span class="review-counts" data-testid={`review-counts-${row.code}`}>
                    {t('ui.results.review_counts', {
                      approved: formatCount(row.households.approved, lang),
                      submitted: formatCount(row.households.submitted ?? 0, lang),
                      returned: formatCount(row.households.returned ?? 0, lang),
                      rejected: formatCount(row.households.rejected ?? 0, lang),
                    })}
                  </span>
                )}
              </td>
              {columns.map((indicator, at) => (
                <IndicatorCell
                  key={indicator.id}
                  code={row.code}
                  id={indicator.id}
                  result={row.indicators.find((r) => r.id === indicator.id)}
                  groupStart={at === groups.household.length && at > 0}
                />
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
  rowSpan?: number;
  sort?: Sort;
  onSort?: (sort: Sort) => void;
}

/** A column head; a button that sorts by it when the table is sortable. Top level so that heads keep their identity (and focus) across renders. */
function SortableHead({ sortKey, label, class: className, testId, rowSpan, sort, onSort }: SortableHeadProps) {
  const { t } = useLang();
  const active = sort?.key === sortKey;
  return (
    <th scope="col" class={className} rowSpan={rowSpan} data-testid={testId} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
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

function IndicatorCell({ code, id, result, groupStart }: { code: string; id: string; result?: IndicatorResult; groupStart: boolean }) {
  const { lang, t } = useLang();
  const testId = `cell-${code}-${id}`;
  const start = groupStart ? 'group-start' : '';
  if (!result)
    return (
      <td class={start || undefined} data-testid={testId}>
        —
      </td>
    );
  const met = result.met;
  const status = met === true ? 'met' : met === false ? 'unmet' : '';
  return (
    <td class={`${start} ${status}`.trim() || undefined} data-testid={testId}>
      {result.percent === null ? (
        <span class="pct no-data" data-testid={`${testId}-pct`}>
          {t('ui.results.no_data_cell')}
        </span>
      ) : (
        <span class="pct" data-testid={`${testId}-pct`}>
          {formatPercent(result.percent, lang)}
        </span>
      )}
      <span class="nd" data-testid={`${testId}-nd`}>
        {formatCount(result.numerator, lang)}/{formatCount(result.denominator, lang)}
      </span>
      {result.target !== null && <span class="target">{t('ui.results.target', { target: formatTarget(result.target, lang) })}</span>}
      {met !== null && <span class="status">{t(met ? 'ui.results.met' : 'ui.results.not_met')}</span>}
    </td>
  );
}

/** Coverage up to 100 % as a percentage; above it a warning that says why (never a plain "612 %"). */
function CoverageLine({ surveyed, total, testId }: { surveyed: number; total: number | null; testId: string }) {
  const { lang, t } = useLang();
  const reading = readCoverage(surveyed, total);
  if (reading.kind === 'none') return null;
  const over = reading.kind === 'over';
  return (
    <span
      class={over ? 'coverage coverage-over' : 'coverage'}
      data-testid={testId}
      data-over={over ? 'true' : undefined}
      title={over ? t('ui.coverage.over', { surveyed: formatCount(surveyed, lang), total: formatCount(reading.total, lang) }) : undefined}
    >
      {over ? `⚠ ${t('ui.coverage.over_short')}` : t('ui.results.coverage', { percent: formatPercent(reading.percent, lang) })}
    </span>
  );
}
