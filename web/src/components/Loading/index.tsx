// What a page shows while its data loads, or when loading failed.

import { useLang } from '../../lib/platform/use-lang';
import { Notice } from '../Notice';

export function Loading() {
  const { t } = useLang();
  return (
    <p class="hint" aria-busy="true">
      {t('ui.loading')}
    </p>
  );
}

export function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useLang();
  return (
    <Notice kind="error" testId="load-error">
      {error.message}{' '}
      <button type="button" class="link-button" onClick={onRetry}>
        {t('ui.retry')}
      </button>
    </Notice>
  );
}
