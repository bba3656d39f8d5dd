// The ward's likely duplicate households (recorded twice without a roster code), for its reviewer: keep one
// (the other is deleted, the reason recorded) or keep both as two households. Never merged without this choice.
import type { DuplicatePairView } from '@shared/api/history';
import { useState } from 'preact/hooks';
import * as officialsApi from '../../lib/officials';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

export function Duplicates({ roundId, wardCode }: { roundId: string; wardCode: string }) {
  const { t } = useLang();
  const listed = useAsync(() => officialsApi.duplicates(roundId, wardCode), [roundId, wardCode]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function decide(pair: DuplicatePairView, decision: 'merge' | 'keep', keepId?: string) {
    setBusy(true);
    try {
      await officialsApi.resolveDuplicate({ roundId, wardCode, a: pair.a, b: pair.b, decision, ...(keepId ? { keepId } : {}) });
      setError(undefined);
      listed.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const pairs = listed.data?.pairs;
  return (
    <section class="duplicates no-print" data-testid="duplicates">
      <h2>{t('ui.duplicates.title')}</h2>
      {error && <p class="hint">{error}</p>}
      {pairs && pairs.length === 0 && <p class="muted">{t('ui.duplicates.none')}</p>}
      {pairs?.map((pair) => (
        <div key={`${pair.a}#${pair.b}`} class="duplicate-pair" data-testid="duplicate-pair">
          <p>{t('ui.duplicates.why', { why: pair.why.map((w) => t(`ui.duplicates.why.${w}`)).join(', ') })}</p>
          {[pair.a, pair.b].map((id) => {
            const h = pair.households[id];
            return (
              <div key={id} class="duplicate-household">
                <strong>{h?.headName}</strong> · {h?.address} {h?.phone ? `· ${h.phone}` : ''} <span class="muted">({h?.createdBy})</span>
                <button type="button" class="secondary" disabled={busy} data-testid={`duplicate-keep-${id}`} onClick={() => void decide(pair, 'merge', id)}>
                  {t('ui.duplicates.keep_this')}
                </button>
              </div>
            );
          })}
          <button type="button" class="secondary" disabled={busy} data-testid="duplicate-both" onClick={() => void decide(pair, 'keep')}>
            {t('ui.duplicates.both')}
          </button>
        </div>
      ))}
    </section>
  );
}
