// One indicator of the round's list across the wards as horizontal bars (long Vietnamese ward names read on a phone), the
// target as a dashed line. Plain SVG: vector when printed. Met / not met is told by colour, by fill
// (unmet bars are hatched, for black-and-white print) and by a ✓ / ✗ beside each value.
import type { AreaAggregate } from '@shared/api/contract';
import type { Indicator } from '@shared/questionnaire/definition';
import { labelOf, targetPercentOf } from '../../lib/officials';
import { formatPercent, formatTarget } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

const WIDTH = 400;
const LABEL_W = 122;
const VALUE_W = 78;
const ROW_H = 26;
const TOP = 32;
const BAR_W = WIDTH - LABEL_W - VALUE_W;

const x = (percent: number) => LABEL_W + (percent / 100) * BAR_W;

interface Props {
  indicator: Indicator;
  rows: readonly AreaAggregate[];
  nameOf: (area: AreaAggregate) => string;
}

export function IndicatorChart({ indicator, rows, nameOf }: Props) {
  const { lang, t } = useLang();
  const title = labelOf(indicator, lang);
  const target = targetPercentOf(indicator);
  const height = TOP + rows.length * ROW_H + 8;
  const patternId = `unmet-${indicator.id}`;
  return (
    <figure class="chart" data-testid={`chart-${indicator.id}`}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('ui.chart.label', { indicator: title })} data-testid="indicator-chart">
        <defs>
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" class="bar-unmet-bg" />
            <line x1="0" y1="0" x2="0" y2="6" class="bar-unmet-hatch" stroke-width="3" />
          </pattern>
        </defs>
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP - 6} y2={height - 8} class="grid" />
            <text x={x(tick)} y={TOP - 10} text-anchor="middle" class="tick">{`${tick}%`}</text>
          </g>
        ))}
        {rows.map((row, index) => {
          const result = row.indicators.find((r) => r.id === indicator.id);
          const y = TOP + index * ROW_H;
          const percent = result?.percent ?? null;
          const met = result?.met ?? null;
          const mark = met === true ? ' ✓' : met === false ? ' ✗' : '';
          return (
            <g key={row.code} data-testid={`bar-${row.code}`} class={row.level === 'ward' ? undefined : 'total'}>
              <text x={LABEL_W - 8} y={y + ROW_H / 2 + 4} text-anchor="end" class="label">
                {nameOf(row)}
              </text>
              {percent !== null && (
                <rect
                  x={LABEL_W}
                  y={y + 5}
                  height={ROW_H - 10}
                  width={Math.max((percent / 100) * BAR_W, 1)}
                  class={met === true ? 'bar met' : met === false ? 'bar unmet' : 'bar'}
                  style={met === false ? { fill: `url(#${patternId})` } : undefined}
                />
              )}
              <text x={x(percent ?? 0) + 6} y={y + ROW_H / 2 + 4} class={`value ${met === true ? 'met' : met === false ? 'unmet' : ''}`}>
                {percent === null ? t('ui.results.no_data_cell') : formatPercent(percent, lang)}
                {mark}
              </text>
            </g>
          );
        })}
        {target !== null && (
          <g data-testid="target-line">
            <line x1={x(target)} x2={x(target)} y1={TOP - 4} y2={height - 4} class="target-line" />
            <text x={x(target)} y={12} text-anchor="middle" class="target-label">
              {t('ui.chart.target', { target: formatTarget(target, lang) })}
            </text>
          </g>
        )}
      </svg>
      {target === null && <p class="muted">{t('ui.chart.no_target')}</p>}
    </figure>
  );
}
