// While the server recounts a round's figures for a new indicator list, the figures shown are the previous
// ones: say so in plain words, with how far the recount has got.
import type { Recompute } from '../../lib/officials';
import { formatCount } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { Notice } from '../Notice';

export function RecountNotice({ recompute, testId = 'recompute-notice' }: { recompute: Recompute; testId?: string }) {
  const { lang, t } = useLang();
  if (recompute.state === 'failed') {
    return (
      <Notice kind="warning" testId={testId}>
        {t('ui.results.recompute_failed')}
      </Notice>
    );
  }
  return (
    <Notice kind="warning" testId={testId}>
      {t('ui.results.recomputing', {
        processed: formatCount(recompute.processed, lang),
        total: recompute.total === null ? '…' : formatCount(recompute.total, lang),
      })}
    </Notice>
  );
}
