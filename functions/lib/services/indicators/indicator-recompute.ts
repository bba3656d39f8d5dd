// The recompute job of a changed indicator list: fills the pending generation's counters from the round's stored
// responses through the same ledger as the stream (which folds new changes into it meanwhile, so nothing is
// missed or counted twice), then makes it live in one conditional write. Until then officials read the live
// generation, marked as being recomputed. Restartable: a second run of the same job only finds the ledger
// already caught up.

import { counterFor } from '@shared/aggregation/counter';
import { type CountingState, completeRecompute, countingKey, noteRecompute, type PendingCount } from '@shared/indicators/counting';
import type { Log } from '../../logger';
import type { AggregatesRepo, CountingsRepo, ResponsesRepo } from '../../repo/types';
import type { AreaTreeOf } from '../areas/area-tree';
import { wardTallies } from '../results/read-aggregates';
import { recomputeRound } from '../results/recompute';
import { type RoundTreeDeps, roundTree } from '../rounds/round-tree';
import type { RecomputeJob } from './round-indicators';

/**
 * Time for stream batches that read the state before the job began to land, and for the responses index to
 * show every write made before it: a response changed before the state was written is then read by the scan.
 */
export const SETTLE_MS = 3000;
/** Progress is written at most this often. */
const PROGRESS_EVERY_MS = 1000;
const MAX_WRITE_ATTEMPTS = 5;

export interface IndicatorRecomputeDeps extends RoundTreeDeps {
  countings: CountingsRepo;
  responses: ResponsesRepo;
  aggregates: AggregatesRepo;
  /** Any set's tree: the round's wards are read in the set it pins. */
  areaTree: AreaTreeOf;
  slots: number;
  clock: () => Date;
  log: Log;
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = 'done' | 'superseded' | 'failed';

export async function runIndicatorRecompute(job: RecomputeJob, deps: IndicatorRecomputeDeps): Promise<Outcome> {
  const pending = pendingOf(await deps.countings.get(job.roundId), job.generation);
  if (!pending) return 'superseded';
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  try {
    await sleep(deps.settleMs ?? SETTLE_MS);
    const state = await deps.countings.get(job.roundId);
    if (!state || !pendingOf(state, job.generation)) return 'superseded';
    // About how many responses there are: those the live generation counts.
    const liveRows = await deps.aggregates.readRoundRows(countingKey(job.roundId, state.live.generation));
    let total = 0;
    for (const tally of wardTallies(liveRows).tallies.values()) total += tally.households ?? 0;
    if (!(await update(job, deps, (s) => noteRecompute(s, job.generation, { total, processed: 0 })))) return 'superseded';

    const counter = counterFor(state.questions, pending.counted);
    let lastNote = 0;
    let noting: Promise<unknown> = Promise.resolve();
    const report = await recomputeRound(job.roundId, {
      ...deps,
      areaTree: () => roundTree(job.roundId, deps),
      generation: job.generation,
      counter,
      onProgress: (processed) => {
        const now = deps.clock().getTime();
        if (now - lastNote < PROGRESS_EVERY_MS) return;
        lastNote = now;
        noting = noting.then(() => update(job, deps, (s) => noteRecompute(s, job.generation, { processed })));
      },
    });
    await noting;
    if (report.remaining.length > 0) throw new Error(`the round kept changing: ${report.remaining.length} counters still moving after ${report.passes} passes`);
    const finished = await update(job, deps, (s) => noteRecompute(s, job.generation, { processed: report.responses }));
    if (!finished || !(await update(job, deps, (s) => completeRecompute(s, job.generation)))) return 'superseded';
    return 'done';
  } catch (error) {
    deps.log('indicator recompute failed', { roundId: job.roundId, generation: job.generation, error: String(error) });
    await update(job, deps, (s) => noteRecompute(s, job.generation, { state: 'failed', error: errorText(error) })).catch(() => undefined);
    return 'failed';
  }
}

function pendingOf(state: CountingState | undefined, generation: number): PendingCount | undefined {
  const pending = state?.pending;
  return pending?.generation === generation && pending.state === 'running' ? pending : undefined;
}

/** Applies `change` to the stored state, retrying when another writer got there first; false when superseded. */
async function update(job: RecomputeJob, deps: IndicatorRecomputeDeps, change: (state: CountingState) => CountingState | null): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
    const state = await deps.countings.get(job.roundId);
    const next = state && change(state);
    if (!state || !next) return false;
    if (await deps.countings.put(next, state.rev)) return true;
  }
  throw new Error(`counting state of ${job.roundId} kept changing under the recompute`);
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
