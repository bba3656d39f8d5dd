// The household already counts through another response (someone else recorded it, or it answered through its
// link): the collector opens that response to check and edit it, or drops what they just recorded. Either way
// nothing is left waiting in the outbox.
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  busy: boolean;
  onOpenExisting: () => void;
  onDiscard: () => void;
}

export function AnsweredPanel({ busy, onOpenExisting, onDiscard }: Props) {
  const { t } = useLang();
  return (
    <section class="conflict notice notice-warning" role="alert" data-testid="household-answered">
      <p>
        <strong>{t('ui.duplicate.title')}</strong>
      </p>
      <div class="conflict-actions">
        <button type="button" class="primary wide" disabled={busy} data-testid="answered-open-existing" onClick={onOpenExisting}>
          {t('ui.duplicate.open_existing')}
        </button>
        <button type="button" class="secondary wide" disabled={busy} data-testid="answered-discard" onClick={onDiscard}>
          {t('ui.duplicate.discard')}
        </button>
      </div>
    </section>
  );
}
