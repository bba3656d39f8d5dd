// Two rounds compared: per ward and indicator of this round's list the change in percentage points, with the
// two percents it comes from. Up is told by sign and arrow, not by colour alone. An indicator counted
// differently in the earlier round, or missing there, is marked in its head and cells: its change is not like
// for like.
import type { Area } from '@shared/areas/areas';
import type { Indicator } from '@shared/questionnaire/definition';
import { type ChangeView, type CompareView, labelOf } from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { formatPercent } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

export function formatChange(change: number | null, lang: 'vi' | 'en'): string {
  if (change === null) return '—';
  const abs = Math.abs(change).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return change > 0 ? `▲ +${abs}` : change < 0 ? `▼ −${abs}` : `= ${abs}`;
}

/** What sets an indicator apart in a comparison, from any area's change (the server marks them all alike). */
export function markOf(comparison: CompareView, id: string): 'changed' | 'new' | undefined {
  const changes = comparison.areas.flatMap((area) => area.indicators.filter((c) => c.id === id));
  if (changes.some((c) => c.inBase === false)) return 'new';
  if (changes.some((c) => c.definitionChanged === true)) return 'changed';
  return undefined;
}

export function CompareTable({ comparison, indicators, areas }: { comparison: CompareView; indicators: readonly Indicator[]; areas: readonly Area[] }) {
  const { lang, t } = useLang();
  const nameOf = (code: string, fallback: string) => {
    const area = areas.find((a) => a.code === code);
    return area ? areaName(area, lang) : fallback;
  };
  const marks = new Map(indicators.map((i) => [i.id, markOf(comparison, i.id)]));
  const note = (id: string) => {
    const mark = marks.get(id);
    return mark === 'new' ? t('ui.compare.not_in_base') : mark === 'changed' ? t('ui.compare.definition_changed') : undefined;
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
            {indicators.map((indicator) => (
              <th scope="col" key={indicator.id} data-testid={`compare-head-${indicator.id}`}>
                {labelOf(indicator, lang)}
                {note(indicator.id) && (
                  <span class="compare-mark" data-testid={`compare-mark-${indicator.id}`}>
                    {' '}
                    ({note(indicator.id)})
                  </span>
                )}
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
              {indicators.map((indicator) => (
                <ChangeCell
                  key={indicator.id}
                  code={area.code}
                  change={area.indicators.find((c) => c.id === indicator.id)}
                  marked={marks.get(indicator.id) !== undefined}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">{t('ui.compare.unit')}</p>
    </section>
  );
}

function ChangeCell({ code, change, marked }: { code: string; change: ChangeView | undefined; marked: boolean }) {
  const { lang } = useLang();
  if (!change) return <td>—</td>;
  const direction = change.change === null ? '' : change.change > 0 ? 'up' : change.change < 0 ? 'down' : '';
  return (
    <td class={`${direction} ${marked ? 'marked' : ''}`.trim() || undefined} data-testid={`compare-${code}-${change.id}`}>
      <span class="pct">
        {formatChange(change.change, lang)}
        {marked && change.change !== null && <span aria-hidden="true"> *</span>}
      </span>
      <span class="nd">
        {formatPercent(change.basePercent, lang)} → {formatPercent(change.percent, lang)}
      </span>
    </td>
  );
}
