// Live figures without waste: a task repeated every `intervalMs` only while the page is visible, at once again
// when the page comes back (tab shown, window focused), and further apart after each failure (doubling, capped)
// so that a server in trouble is not hammered by every open results page.
import type { Inputs } from 'preact/hooks';
import { useEffect, useRef } from 'preact/hooks';

/** The wait after `failures` failures in a row: the interval, doubled per failure, never above `capMs`. */
export function backoffDelay(intervalMs: number, failures: number, capMs: number): number {
  return Math.min(intervalMs * 2 ** Math.max(0, failures), capMs);
}

/** `task` resolves true when it succeeded, false when it failed (it shows its own errors). */
export function useLivePolling(task: () => Promise<boolean>, intervalMs: number, capMs: number, inputs: Inputs): void {
  const taskRef = useRef(task);
  taskRef.current = task;
  useEffect(() => {
    let stopped = false;
    let running = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const visible = () => document.visibilityState === 'visible';
    const run = async () => {
      clearTimeout(timer);
      timer = undefined;
      if (stopped || running || !visible()) return;
      running = true;
      let ok = false;
      try {
        ok = await taskRef.current();
      } catch {
        ok = false;
      } finally {
        running = false;
      }
      failures = ok ? 0 : failures + 1;
      // Hidden: no timer; the visibility or focus event starts the next run.
      if (!stopped && visible()) timer = setTimeout(run, backoffDelay(intervalMs, failures, capMs));
    };
    const onBack = () => {
      if (!visible()) {
        clearTimeout(timer);
        return;
      }
      // Coming back is a fresh start: at once, and at the normal pace again.
      failures = 0;
      void run();
    };
    document.addEventListener('visibilitychange', onBack);
    addEventListener('focus', onBack);
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onBack);
      removeEventListener('focus', onBack);
    };
  }, [intervalMs, capMs, ...inputs]);
}
