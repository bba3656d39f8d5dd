// The real app over the in-memory repository and the real local identity, for app.request() tests. Like the local
// server, it answers every /api/* path, the raw export included.

import type { User } from '@shared/api/contract';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { hashPassword } from '../../functions/lib/auth/passwords';
import type { AppDeps } from '../../functions/lib/http/context';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { cachedAreaTree } from '../../functions/lib/services/areas/area-tree';
import { noteResponseChanges } from '../../functions/lib/services/exports/note-response-changes';
import { runExportJob } from '../../functions/lib/services/exports/run-export-job';
import { recordHistory } from '../../functions/lib/services/history/record-history';
import { COUNTING_CACHE_TTL_MS } from '../../functions/lib/services/indicators/cached-countings';
import { createFoldTargets } from '../../functions/lib/services/indicators/fold-targets';
import { runIndicatorRecompute } from '../../functions/lib/services/indicators/indicator-recompute';
import type { RecomputeJob } from '../../functions/lib/services/indicators/round-indicators';
import { foldIntoGenerations } from '../../functions/lib/services/results/fold-generations';
import { publishedDefinitions } from '../../functions/lib/services/surveys/published-definitions';
import { createMemoryExportFiles } from './memory-export-files';
import { createMemoryRepository } from './memory-repo';

export const TEST_PASSWORD = 'test-password';

export const TEST_USERS: User[] = [
  { username: 'admin', role: 'admin', areas: ['38'] },
  { username: 'official', role: 'official', areas: ['381'] },
  { username: 'official-14815', role: 'official', areas: ['14815'] },
  { username: 'collector-14815', role: 'collector', areas: ['14815'] },
  { username: 'collector-14809', role: 'collector', areas: ['14809'] },
];

export interface TestAppOptions {
  now?: Date;
  /** Limits of the public self-report routes (default: the API's). */
  selfRateLimits?: AppDeps['selfRateLimits'];
  /** CloudFront's origin-verify value (default: none, as locally: x-viewer-address is never trusted). */
  originVerify?: string;
  /** The web app's configured public URL, the only source of link URLs (default http://localhost). */
  publicUrl?: string;
}

export async function createTestApp({
  now = new Date('2026-11-24T08:00:00Z'),
  selfRateLimits,
  originVerify,
  publicUrl = 'http://localhost',
}: TestAppOptions = {}) {
  const repo = createMemoryRepository();
  await seedReferenceData(repo.reference, repo.surveys, repo.areaSets);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const user of TEST_USERS) await repo.reference.putLocalUser({ ...user, passwordHash });
  const identity = await createLocalIdentity(repo.reference, 'http://test.local/local-idp');
  const clock = { now };
  // Export jobs: files in memory, and the worker run when a test says so (runExportJobs), not on its own.
  const files = createMemoryExportFiles();
  const queuedJobs: string[] = [];
  const exportJobs = { files, dispatch: async (jobId: string) => void queuedJobs.push(jobId) };
  // Indicator recomputes likewise wait for runRecomputeJobs.
  const queuedRecomputes: RecomputeJob[] = [];
  const startRecompute = async (job: RecomputeJob) => void queuedRecomputes.push(job);
  const definitions = publishedDefinitions(repo.surveys);
  const foldTargets = createFoldTargets(repo.countings);
  const app = createApp(
    { repo, identity, clock: () => clock.now, aggregateSlots: 4, selfRateLimits, originVerify, exportJobs, startRecompute, publicUrl },
    { log: () => {}, serveExports: true },
  );
  // Any set's tree, stored sets included, as the worker reads them.
  const areaTree = cachedAreaTree(repo.reference, () => clock.now, undefined, repo.areaSets);
  let folded = 0;
  const tokens = new Map<string, string>();

  return {
    app,
    repo,
    clock,
    async tokenFor(username: string) {
      if (!tokens.has(username)) tokens.set(username, (await identity.signIn(username, TEST_PASSWORD)).token);
      return tokens.get(username)!;
    },
    files,
    /** Runs the export jobs started since the last call, as the worker would. */
    async runExportJobs(log: (message: string, details: Record<string, unknown>) => void = () => {}) {
      const ids = queuedJobs.splice(0);
      for (const id of ids) await runExportJob(id, { ...repo, exportJobs: repo.exportJobs, definitions, areaTree, files, clock: () => clock.now, log });
      return ids;
    },
    /** Runs the indicator recompute jobs started since the last call, as the worker would (no settling pause). */
    async runRecomputeJobs(log: (message: string, details: Record<string, unknown>) => void = () => {}) {
      const jobs = queuedRecomputes.splice(0);
      const outcomes = [];
      for (const job of jobs) {
        outcomes.push(await runIndicatorRecompute(job, { ...repo, areaTree, slots: 4, clock: () => clock.now, log, settleMs: 0 }));
      }
      // The worker runs elsewhere: its outcome reaches the app once the app's short cache of counting states expires.
      if (jobs.length > 0) clock.now = new Date(clock.now.getTime() + COUNTING_CACHE_TTL_MS + 1);
      return outcomes;
    },
    /** Folds the changes written since the last call, as the stream handler would. */
    async foldPending() {
      const pending = repo.changes.slice(folded);
      folded = repo.changes.length;
      await noteResponseChanges(pending, repo.exportJobs);
      // The stream handler's history step, as it runs after the fold's (the same function).
      const outcome = await foldIntoGenerations(pending, repo.aggregates, foldTargets, 0, () => clock.now);
      await recordHistory(pending, repo.history);
      return outcome;
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
