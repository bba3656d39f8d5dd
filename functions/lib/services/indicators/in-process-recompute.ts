// Recompute jobs run in this process, without waiting: the local server and tests. In AWS the API invokes the
// background-jobs worker instead (app/api-deps.ts), so a long recompute never holds an API request.
import { type IndicatorRecomputeDeps, runIndicatorRecompute } from './indicator-recompute';
import type { RecomputeJob } from './round-indicators';

export function inProcessRecompute(deps: IndicatorRecomputeDeps): (job: RecomputeJob) => Promise<void> {
  return async (job) => {
    void runIndicatorRecompute(job, deps);
  };
}
