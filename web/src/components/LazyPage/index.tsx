// A page loaded on demand: its code lands in its own chunk, so a collector's phone never downloads the
// officials' and admins' pages at start.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../Loading';

export function LazyPage<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [Page, setPage] = useState<ComponentType<P> | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (component) => live && setPage(() => component),
      (failure: unknown) => live && setError(failure instanceof Error ? failure : new Error(String(failure))),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (error) return <LoadFailed error={error} onRetry={() => { setError(undefined); setAttempt((n) => n + 1); }} />;
  return Page ? <Page {...props} /> : <Loading />;
}
