// Banners about the app itself: a new version took over (reload when convenient); storage that the
// browser may evict while households wait on the phone.
import { useEffect, useState } from 'preact/hooks';
import { appUpdated, onAppUpdated, requestPersistentStorage } from '../../lib/platform/service-worker';
import { useLang } from '../../lib/platform/use-lang';
import { Notice } from '../Notice';

export function AppStatus({ collecting, unsent }: { collecting: boolean; unsent: number }) {
  const { t } = useLang();
  const [updated, setUpdated] = useState(appUpdated);
  const [persistent, setPersistent] = useState<boolean | undefined>(true);
  useEffect(() => onAppUpdated(() => setUpdated(true)), []);
  useEffect(() => {
    if (collecting) void requestPersistentStorage().then(setPersistent);
  }, [collecting]);
  return (
    <>
      {updated && (
        <Notice kind="info" testId="app-updated">
          {t('ui.outbox.update_ready')}{' '}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            {t('ui.outbox.reload')}
          </button>
        </Notice>
      )}
      {collecting && unsent > 0 && persistent === false && (
        <p class="hint" data-testid="storage-not-persistent">
          {t('ui.outbox.not_persistent')}
        </p>
      )}
    </>
  );
}
