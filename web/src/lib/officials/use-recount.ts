// Following the server's recount of a round's figures after its indicator list changed: polled while it runs,
// until the server says it is done (recompute null) or failed. A missed poll is retried at the next tick.
import { useEffect, useState } from 'preact/hooks';
import { roundIndicators } from './results-api';
import type { Recompute } from './round-indicators';

const POLL_MS = 1500;

export function useRecount(roundId: string, initial: Recompute | null) {
  const [recompute, setRecompute] = useState<Recompute | null>(initial);
  const [finished, setFinished] = useState(false);
  const running = recompute?.state === 'running';
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const next = (await roundIndicators(roundId)).recompute ?? null;
        if (stopped) return;
        setRecompute(next);
        if (next === null) setFinished(true);
      } catch {
        // Retried at the next tick.
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running, roundId]);
  /** After a save: the recount it started (or none), and nothing finished yet. */
  const restart = (next: Recompute | null) => {
    setFinished(false);
    setRecompute(next);
  };
  return { recompute, finished, restart };
}
