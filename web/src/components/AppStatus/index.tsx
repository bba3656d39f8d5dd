// Banners about the app itself: a new version took over (reload when convenient), storage not persistent.
import { useEffect, useState } from 'preact/hooks';
import { appUpdated, onAppUpdated, requestPersistentStorage } from '../../lib/service-worker';
import { useLang } from '../../lib/use-lang';
import { Notice } from '../Notice';

export function AppStatus({ collecting }: { collecting: boolean }) {
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
      {collecting && persistent === false && (
        <p class="hint" data-testid="storage-not-persistent">
          {t('ui.outbox.not_persistent')}
        </p>
      )}
    </>
  );
}
