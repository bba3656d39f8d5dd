// The comparison with an earlier round, on the set the results are shown on (both rounds re-based alike, the
// notes of both kept). Part of the results chunk.
import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import type { Indicator } from '@shared/questionnaire/definition';
import { useState } from 'preact/hooks';
import { AreaNotes } from '../../components/AreaNotes';
import { CompareTable } from '../../components/CompareTable';
import { LoadFailed } from '../../components/Loading';
import type { CompareView } from '../../lib/officials';
import * as officialsApi from '../../lib/officials';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

interface ComparisonProps {
  round: Round;
  rounds: Round[];
  areas: Area[];
  indicators: Indicator[];
  /** Both rounds shown on this set (the notes of both kept). */
  areaSet: string | undefined;
}

export function Comparison({ round, rounds, areas, indicators, areaSet }: ComparisonProps) {
  const { t } = useLang();
  const others = rounds.filter((r) => r.id !== round.id);
  const [baseId, setBaseId] = useState<string>('');
  const comparison = useAsync<CompareView | undefined>(
    () => (baseId ? officialsApi.compareRounds(round.id, baseId, 'ward', areaSet) : Promise.resolve(undefined)),
    [round.id, baseId, areaSet],
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
        <>
          <CompareTable
            comparison={comparison.data}
            indicators={comparison.data.indicators ? officialsApi.asIndicators(comparison.data.indicators) : indicators}
            areas={areas}
          />
          <AreaNotes areas={comparison.data.areas} testId="compare-notes" />
        </>
      )}
    </section>
  );
}
