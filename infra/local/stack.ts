// The whole of Phiếu on one machine, no AWS account: DynamoDB Local, tables and seed data, the same
// Hono app and the same stream handler as the Lambdas, the built web app, and the stream poller.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import type { AppDeps } from '../../functions/lib/http/context';
import { applySecurityHeaders } from '../../functions/lib/http/security-headers';
import { logError } from '../../functions/lib/logger';
import { createRepository, type Repository, type TableNames } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { cachedAreaTree } from '../../functions/lib/services/areas/area-tree';
import { runExportJob } from '../../functions/lib/services/exports/run-export-job';
import { createFoldTargets } from '../../functions/lib/services/indicators/fold-targets';
import { runIndicatorRecompute } from '../../functions/lib/services/indicators/indicator-recompute';
import type { RecomputeJob } from '../../functions/lib/services/indicators/round-indicators';
import { publishedDefinitions } from '../../functions/lib/services/surveys/published-definitions';
import { createS3ExportFiles } from '../../functions/lib/storage/export-files';
import { createStreamHandler, type StreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { seedDemoUsers } from './demo-users';
import { LOCAL_AWS, startDynamoDbLocal } from './dynamodb-local';
import { freePort } from './free-port';
import { localKeys } from './local-keys';
import { LOCAL_EXPORTS_BUCKET, type S3Local, startS3Local } from './s3-local';
import { type StreamPoller, startStreamPoller } from './stream-poller';

/** The local identity's issuer for a kept store (in memory: the server's own URL). */
export const LOCAL_PERSISTENT_ISSUER = 'urn:phieu:local-idp';
export const LOCAL_TABLES: TableNames = { responses: 'phieu-responses', aggregates: 'phieu-aggregates', reference: 'phieu-reference' };
const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

export interface LocalStackOptions {
  /** HTTP port; 0 or absent picks a free one. */
  port?: number;
  host?: string;
  /** Aggregate rows per ward. */
  aggregateSlots?: number;
  /** Wraps the stream handler (tests inject delivery faults here). */
  wrapStreamHandler?: (handler: StreamHandler) => StreamHandler;
  clock?: () => Date;
  /** The built web app to serve (default web/dist); tests serve a copy they can "deploy" a new version into. */
  webRoot?: string;
  /** Limits of the public self-report routes (default: the API's). */
  selfRateLimits?: AppDeps['selfRateLimits'];
  /**
   * The web app's address as phones reach it, for link URLs (default: this server's own URL). Set it when phones
   * come through another name, e.g. the machine's LAN address.
   */
  publicUrl?: string;
  /** Bucket export jobs write to (default: the one made at start; tests name a missing one to see a failure). */
  exportsBucket?: string;
  /**
   * Keep the data in this folder (`npm start -- --persist <dir>`): DynamoDB Local's files, the export files, and the
   * link and token signing keys (0600). Tables are made only when missing and seed data only into an empty store.
   * Absent: everything in memory, gone at stop.
   */
  persistDir?: string;
}

export interface LocalStack {
  url: string;
  ddbEndpoint: string;
  repo: Repository;
  doc: DynamoDBDocumentClient;
  poller: StreamPoller;
  streamHandler: StreamHandler;
  s3: S3Local;
  /** Export jobs started and not finished yet (the worker runs in this process). */
  runningExports: Set<Promise<void>>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const { host = '127.0.0.1', aggregateSlots = 4, clock = () => new Date() } = options;
  const { persistDir } = options;
  const keys = await localKeys(persistDir);
  const ddb = await startDynamoDbLocal(persistDir ? { dbPath: join(persistDir, 'dynamodb') } : {});
  const cleanups: (() => Promise<void> | void)[] = [() => ddb.stop()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const streams = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
    cleanups.push(
      () => client.destroy(),
      () => streams.destroy(),
    );

    const { responsesStreamArn } = await createTables(client, LOCAL_TABLES);
    const repo = createRepository(doc, LOCAL_TABLES);
    // A kept store is seeded once: what an admin changed since (rounds, users) stays as they left it.
    if ((await repo.reference.listAreas()).length === 0) {
      await Promise.all([seedReferenceData(repo.reference, repo.surveys, repo.areaSets), seedDemoUsers(repo.reference)]);
    }

    const s3 = await startS3Local(persistDir ? { keepIn: join(persistDir, 's3') } : {});
    cleanups.push(() => s3.stop());
    // Export jobs: the worker's own handler function, run in this process instead of an async Lambda invoke.
    const files = createS3ExportFiles(s3.client, options.exportsBucket ?? LOCAL_EXPORTS_BUCKET);
    const runningExports = new Set<Promise<void>>();
    const definitions = publishedDefinitions(repo.surveys);
    const workerDeps = {
      ...repo,
      exportJobs: repo.exportJobs,
      definitions,
      areaTree: cachedAreaTree(repo.reference, clock, undefined, repo.areaSets),
      files,
      clock,
      log: logError,
    };
    const dispatch = async (jobId: string) => {
      const run = runExportJob(jobId, workerDeps).finally(() => runningExports.delete(run));
      runningExports.add(run);
    };
    // Indicator recompute jobs: the worker's function too, tracked like the exports so stop() waits for them.
    const startRecompute = async (job: RecomputeJob) => {
      const run: Promise<void> = runIndicatorRecompute(job, { ...workerDeps, slots: aggregateSlots }).then(() => {
        runningExports.delete(run);
      });
      runningExports.add(run);
    };
    cleanups.push(() => Promise.allSettled(runningExports).then(() => undefined));

    const port = options.port || (await freePort());
    const url = `http://${host}:${port}`;
    // A kept store's tokens must verify on any port the next start picks: then the issuer names no port.
    const identity = await createLocalIdentity(repo.reference, persistDir ? LOCAL_PERSISTENT_ISSUER : `${url}/local-idp`, { key: keys.tokenKey });
    // Links and tokens are signed with keys that live as long as the data: made at start, or kept with --persist.
    // One server answers every /api/* path locally, the raw export included (CloudFront splits them in AWS).
    const api = createApp(
      {
        repo,
        identity,
        clock,
        aggregateSlots,
        linkKey: keys.linkKey,
        // Link URLs from configuration only, as in AWS: this server's own URL, never a request's Host.
        publicUrl: options.publicUrl ?? url,
        selfRateLimits: options.selfRateLimits,
        exportJobs: { files, dispatch },
        startRecompute,
      },
      { serveExports: true },
    );
    const streamHandler = createStreamHandler({
      aggregates: repo.aggregates,
      slots: aggregateSlots,
      clock,
      exportJobs: repo.exportJobs,
      foldTargets: createFoldTargets(repo.countings),
      history: repo.history,
    });
    const poller = startStreamPoller({
      client: streams,
      streamArn: responsesStreamArn,
      handler: options.wrapStreamHandler ? options.wrapStreamHandler(streamHandler) : streamHandler,
      onDeadLetter: (letter) => logError('stream batch dead-lettered', { ...letter }),
    });
    cleanups.push(() => poller.stop());

    const server = await listen(localServer(api, options.webRoot ?? WEB_DIST), host, port);
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    return { url, ddbEndpoint: ddb.endpoint, repo, doc, poller, streamHandler, s3, runningExports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The API under /api, the built web app everywhere else (index.html for client-side routes). */
function localServer(api: ReturnType<typeof createApp>, webRoot: string) {
  const server = new Hono();
  // The same hardening headers CloudFront adds in AWS, on the web app's files too (HSTS aside: plain http here).
  server.use('*', async (c, next) => {
    await next();
    applySecurityHeaders(c.res.headers);
  });
  // The node server's env (with the socket) goes along: the self-report rate limit keys on the client address.
  server.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  if (existsSync(webRoot)) {
    const root = relative(process.cwd(), webRoot) || '.';
    const indexHtml = readFileSync(resolve(webRoot, 'index.html'), 'utf8');
    server.use('/*', serveStatic({ root }));
    server.get('*', (c) => c.html(indexHtml));
  } else {
    server.get('*', (c) => c.text('The web app is not built: run `npm run build:web` (npm start does it for you).', 503));
  }
  return server;
}

function listen(app: Hono, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, () => resolvePromise(server));
    server.once('error', reject);
  });
}
