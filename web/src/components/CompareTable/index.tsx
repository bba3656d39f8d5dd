// Two rounds compared: per ward and indicator the change in percentage points, with the two percents it
// comes from. Up is told by sign and arrow, not by colour alone.
import type { Area } from '@shared/areas/areas';
import { INDICATORS } from '@shared/indicators/catalogue';
import type { ComparisonResponse } from '@shared/indicators/compare';
import { areaName } from '../../lib/platform/areas';
import { formatPercent } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

export function formatChange(change: number | null, lang: 'vi' | 'en'): string {
  if (change === null) return '—';
  const abs = Math.abs(change).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return change > 0 ? `▲ +${abs}` : change < 0 ? `▼ −${abs}` : `= ${abs}`;
}

export function CompareTable({ comparison, areas }: { comparison: ComparisonResponse; areas: readonly Area[] }) {
  const { lang, t } = useLang();
  const nameOf = (code: string, fallback: string) => {
    const area = areas.find((a) => a.code === code);
    return area ? areaName(area, lang) : fallback;
  };
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways in this box; a scrollable region needs keyboard focus to be scrolled without a mouse.
    <section class="table-scroll" aria-label={t('ui.compare.title')} tabIndex={0}>
      <table class="results compare" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col" class="sticky">
              {t('ui.results.area')}
            </th>
            {INDICATORS.map((indicator) => (
              <th scope="col" key={indicator.id}>
                {lang === 'vi' ? indicator.vi : indicator.en}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.areas.map((area) => (
            <tr key={area.code} data-testid={`compare-row-${area.code}`}>
              <th scope="row" class="sticky">
                {nameOf(area.code, area.name)}
              </th>
              {area.indicators.map((change) => (
                <td
                  key={change.id}
                  class={change.change === null ? undefined : change.change > 0 ? 'up' : change.change < 0 ? 'down' : undefined}
                  data-testid={`compare-${area.code}-${change.id}`}
                >
                  <span class="pct">{formatChange(change.change, lang)}</span>
                  <span class="nd">
                    {formatPercent(change.basePercent, lang)} → {formatPercent(change.percent, lang)}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{t('ui.compare.unit')}</p>
    </section>
  );
}
