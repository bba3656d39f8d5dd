// A page loaded on first use (its own chunk): what a collector never opens stays out of the initial JS.
import type { ComponentType } from 'preact';
import { useAsync } from '../../lib/platform/use-async';
import { LoadFailed, Loading } from '../Loading';

export function LazyPage<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const loaded = useAsync(load, [load]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const Page = loaded.data;
  return <Page {...props} />;
}
