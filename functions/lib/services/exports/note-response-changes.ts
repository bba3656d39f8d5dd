// Raw-responses export jobs are keyed by a per-round change counter (job-key.ts). The stream handler adds each
// batch's changes to it, so any write, even one that moves no indicator, makes the next export a new job.
import type { ChangeRecord } from '@shared/aggregation/fold';
import type { ExportJobsRepo } from '../../repo/types';

export async function noteResponseChanges(records: readonly ChangeRecord[], exportJobs: Pick<ExportJobsRepo, 'addResponseChanges'>): Promise<void> {
  const perRound = new Map<string, number>();
  for (const record of records) {
    const roundId = (record.newImage ?? record.oldImage)?.roundId;
    if (roundId) perRound.set(roundId, (perRound.get(roundId) ?? 0) + 1);
  }
  await Promise.all([...perRound].map(([roundId, count]) => exportJobs.addResponseChanges(roundId, count)));
}
