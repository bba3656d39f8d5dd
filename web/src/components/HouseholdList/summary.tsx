// What the phone still holds for the server, in one box above the list: households waiting to be sent,
// unfinished ones, ones that need the collector; "all sent" only when none of the three remains. With the
// reason the last upload did not go (no network, or a server that is busy or failing: never confused).
import { failureMessage, type OutboxCounts, type SyncStatus, syncNow } from '../../lib/outbox';
import { useLang } from '../../lib/platform/use-lang';
import { Notice } from '../Notice';

export function OutboxSummary({ counts, sync, online }: { counts: OutboxCounts; sync: SyncStatus; online: boolean }) {
  const { t } = useLang();
  const clear = counts.waiting === 0 && counts.drafts === 0 && counts.attention === 0;
  const failure = online && counts.waiting > 0 && !sync.running ? sync.lastFailure : undefined;
  const why = failure && failureMessage(failure.status);
  return (
    <>
      {why && (
        <Notice kind="warning" testId="upload-failed">
          {t(why.key, why.params)}
        </Notice>
      )}
      <div class="outbox-bar" data-testid="outbox-bar">
        {/* outbox-waiting carries the waiting count (data-count) whatever the box says. */}
        <p class="outbox-count" data-testid="outbox-waiting" data-count={counts.waiting} aria-live="polite">
          {clear && <span data-testid="outbox-all-sent">{t('ui.outbox.all_sent')}</span>}
          {counts.waiting > 0 && <span data-testid="outbox-waiting-line">{t('ui.outbox.waiting', { count: counts.waiting })}</span>}
          {counts.drafts > 0 && (
            <span data-testid="outbox-drafts" data-count={counts.drafts}>
              {t('ui.outbox.drafts', { count: counts.drafts })}
            </span>
          )}
          {counts.attention > 0 && (
            <strong data-testid="outbox-attention" data-count={counts.attention}>
              {t('ui.outbox.attention', { count: counts.attention })}
            </strong>
          )}
        </p>
        {counts.waiting > 0 && (
          <button type="button" class="secondary" data-testid="upload-now" disabled={sync.running || !online} onClick={() => void syncNow(true)}>
            {t(sync.running ? 'ui.outbox.uploading' : 'ui.outbox.upload_now')}
          </button>
        )}
      </div>
    </>
  );
}
