// The API alone, over an existing DynamoDB Local, in its own process so that `bench:export` can watch this
// process's memory while it streams an export or runs an export job. `bench:export` bundles it with esbuild and
// runs it with plain node, as Lambda runs the bundled function (no TypeScript loader in the measured process).
// Configuration in PHIEU_BENCH: {"endpoint", "tables", "aws", "s3"?: {"endpoint", "bucket", "credentials"},
// "generated"?: {"households", "pace"?}}. With `s3`, POST /api/exports runs jobs as `npm start` does: the worker
// (runExportJob) in this process, its file a multipart upload to the S3 stand-in. With `generated`, responses are
// read from generated households instead of DynamoDB Local (everything else stays on DynamoDB Local).
// Prints `READY <url>` once listening.

import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { logError } from '../../functions/lib/logger';
import { createRepository } from '../../functions/lib/repo';
import { cachedAreaTree } from '../../functions/lib/services/areas/area-tree';
import { runExportJob } from '../../functions/lib/services/exports/run-export-job';
import { publishedDefinitions } from '../../functions/lib/services/surveys/published-definitions';
import { createS3Client, createS3ExportFiles } from '../../functions/lib/storage/export-files';
import { generatedListAllInWard } from './export-households';

const { endpoint, tables, aws, s3, generated } = JSON.parse(process.env.PHIEU_BENCH ?? 'null') ?? {};
if (!endpoint) throw new Error('PHIEU_BENCH with the DynamoDB endpoint is required');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...aws, endpoint }), { marshallOptions: { removeUndefinedValues: true } });
const stored = createRepository(doc, tables);
const repo = generated
  ? { ...stored, responses: { ...stored.responses, listAllInWard: generatedListAllInWard(generated.households, generated.pace) } }
  : stored;
const server = createServer();
const port = await new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  }),
);
const url = `http://127.0.0.1:${port}`;
const identity = await createLocalIdentity(repo.reference, `${url}/local-idp`);
const clock = () => new Date();

/** The same wiring as infra/local/stack.ts: the worker's own function, run in this process. */
function exportJobs() {
  if (!s3) return undefined;
  const client = createS3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
  const files = createS3ExportFiles(client, s3.bucket);
  const workerDeps = {
    ...repo,
    definitions: publishedDefinitions(repo.surveys),
    areaTree: cachedAreaTree(repo.reference, clock),
    files,
    clock,
    log: logError,
    progressEveryMs: 1000,
  };
  return { files, dispatch: async (jobId: string) => void runExportJob(jobId, workerDeps) };
}

const app = createApp({ repo, identity, clock, aggregateSlots: 4, publicUrl: url, exportJobs: exportJobs() }, { serveExports: true });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => console.log(`READY ${url}`));
