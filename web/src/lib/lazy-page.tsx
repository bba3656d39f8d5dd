// Pages that most sessions never open (the link sheet, a household's self-report form) load on demand, in their
// own chunk, so the collector's first download stays small.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { useLang } from './use-lang';

/** A component that renders `load()`'s page once it arrives; a failed load can be retried. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyPage(props: P) {
    const { t } = useLang();
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      load().then(
        (page) => {
          loaded = page;
          setPage(() => page);
        },
        () => setFailed(true),
      );
    }, [attempt]);
    if (Page) return <Page {...props} />;
    if (failed) {
      return (
        <Notice kind="error" testId="load-error">
          {t('ui.lazy.failed')}{' '}
          <button type="button" class="link-button" onClick={() => (setFailed(false), setAttempt((n) => n + 1))}>
            {t('ui.retry')}
          </button>
        </Notice>
      );
    }
    return <Loading />;
  };
}
