// Loading data for a page: the latest result, the error if it failed, and a way to load again.

import type { Inputs } from 'preact/hooks';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever `inputs` change; a result that arrives after newer inputs is ignored. */
export function useAsync<T>(load: () => Promise<T>, inputs: Inputs): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputs` are what `load` reads (it is a new closure each render); `attempt` changes only to load again.
  useEffect(() => {
    const run = ++latest.current;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    load().then(
      (data) => run === latest.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        run === latest.current && setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
  }, [...inputs, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
