// The indicator table: one row per ward and the town total, one column per indicator of the catalogue.
// Met / not met is told by colour and by text. The table scrolls sideways inside its box on a phone.
import type { AreaAggregate } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { INDICATORS } from '../../../../shared/indicators/catalogue';
import { areaName } from '../../lib/areas';
import { formatCount, formatPercent, formatTarget } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

type IndicatorResult = AreaAggregate['indicators'][number];

interface Props {
  rows: readonly AreaAggregate[];
  /** For English names; the aggregate rows carry the Vietnamese one. */
  areas: readonly Area[];
}

export function ResultsTable({ rows, areas }: Props) {
  const { lang, t } = useLang();
  const nameOf = (row: AreaAggregate) => {
    const area = areas.find((a) => a.code === row.code);
    return area ? areaName(area, lang) : row.name;
  };
  return (
    <div class="table-scroll" role="region" aria-label={t('ui.results.title')} tabIndex={0}>
      <table class="results" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col" class="sticky">
              {t('ui.results.area')}
            </th>
            <th scope="col" class="households">
              {t('ui.results.households')}
            </th>
            {INDICATORS.map((indicator) => (
              <th scope="col" key={indicator.id} data-testid={`head-${indicator.id}`}>
                {lang === 'vi' ? indicator.vi : indicator.en}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} class={row.level === 'ward' ? undefined : 'total'} data-testid={`results-row-${row.code}`}>
              <th scope="row" class="sticky">
                {nameOf(row)}
                {row.level !== 'ward' && <span class="total-tag"> ({t('ui.results.total')})</span>}
              </th>
              <td class="households" data-testid={`households-${row.code}`}>
                {formatCount(row.households.surveyed, lang)}
                {row.households.total !== null && <span class="muted"> / {formatCount(row.households.total, lang)}</span>}
              </td>
              {INDICATORS.map((indicator) => (
                <IndicatorCell key={indicator.id} code={row.code} id={indicator.id} result={row.indicators.find((r) => r.id === indicator.id)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
