// A coverage figure as officials read it: a percentage up to 100 %, and above it a warning that says why (more
// households surveyed than the roster or the statistic holds), never a plain "612 %".
import { readCoverage } from '@shared/roster/coverage';
import { formatCount, formatPercent } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  surveyed: number;
  total: number | null;
  /** `line`: the words of the results table ("Bao phủ 85 %"); `cell`: the bare figure of a table cell. */
  variant: 'line' | 'cell';
  testId?: string;
}

export function CoverageFigure({ surveyed, total, variant, testId }: Props) {
  const { lang, t } = useLang();
  const reading = readCoverage(surveyed, total);
  if (reading.kind === 'none') return variant === 'cell' ? <span data-testid={testId}>—</span> : null;
  if (reading.kind === 'over') {
    const why = t('ui.coverage.over', { surveyed: formatCount(reading.surveyed, lang), total: formatCount(reading.total, lang) });
    return (
      <span class="coverage coverage-over" data-testid={testId} data-over="true" title={why}>
        ⚠ {t('ui.coverage.over_short')}
      </span>
    );
  }
  const figure = formatPercent(reading.percent, lang);
  return (
    <span class={variant === 'line' ? 'coverage' : undefined} data-testid={testId}>
      {variant === 'line' ? t('ui.results.coverage', { percent: figure }) : figure}
    </span>
  );
}
