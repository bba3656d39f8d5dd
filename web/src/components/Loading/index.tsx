// What a page shows while its data loads, or when loading failed.

import { ApiError } from '../../lib/platform/api';
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
      {/* The API's messages are written for people; a chunk that did not load says "Failed to fetch…": not shown. */}
      {error instanceof ApiError ? error.message : t('ui.error.load_failed')}{' '}
      <button type="button" class="link-button" onClick={onRetry}>
        {t('ui.retry')}
      </button>
    </Notice>
  );
}
