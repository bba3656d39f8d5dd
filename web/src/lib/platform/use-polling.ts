// Repeats a task every `intervalMs` while the page is visible; one run at a time, never a pile-up.

import type { Inputs } from 'preact/hooks';
import { useEffect, useRef } from 'preact/hooks';

export function usePolling(task: () => Promise<unknown>, intervalMs: number, inputs: Inputs): void {
  const taskRef = useRef(task);
  taskRef.current = task;
  useEffect(() => {
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      clearTimeout(timer);
      if (stopped || running || document.visibilityState === 'hidden') return;
      running = true;
      try {
        await taskRef.current();
      } catch {
        // The task shows its own errors; polling goes on.
      } finally {
        running = false;
        if (!stopped) timer = setTimeout(run, intervalMs);
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, ...inputs]);
}
