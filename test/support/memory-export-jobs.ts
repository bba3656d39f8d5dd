// The in-memory export jobs store, with the same conditions as the DynamoDB one (export-jobs-repo.ts).
import type { ExportJobRecord, ExportJobsRepo } from '../../functions/lib/repo/types';

const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryExportJobs(jobs = new Map<string, ExportJobRecord>(), changes = new Map<string, number>()): ExportJobsRepo {
  return {
    async get(id) {
      const job = jobs.get(id);
      return job ? clone(job) : undefined;
    },
    async create(job) {
      const current = jobs.get(job.id);
      if (current) return { ok: false, current: clone(current) };
      jobs.set(job.id, clone(job));
      return { ok: true };
    },
    async replace(job, seenUpdatedAt) {
      const current = jobs.get(job.id);
      if (!current || current.updatedAt !== seenUpdatedAt) return { ok: false, current: current && clone(current) };
      jobs.set(job.id, clone(job));
      return { ok: true };
    },
    async update(id, patch) {
      const current = jobs.get(id);
      if (!current) throw new Error(`no export job ${id}`);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      jobs.set(id, { ...current, ...clone(defined) });
    },
    async addResponseChanges(roundId, count) {
      changes.set(roundId, (changes.get(roundId) ?? 0) + count);
    },
    async responseChanges(roundId) {
      return changes.get(roundId) ?? 0;
    },
  };
}
