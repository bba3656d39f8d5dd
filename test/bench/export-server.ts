// The API alone, over an existing DynamoDB Local, in its own process so that `bench:export` can watch this
// process's memory while it streams an export. `bench:export` bundles it with esbuild and runs it with plain
// node, as Lambda runs the bundled function (no TypeScript loader in the measured process).
// Configuration in PHIEU_BENCH: {"endpoint", "tables", "aws"}. Prints `READY <url>` once listening.

import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { createRepository } from '../../functions/lib/repo';

const { endpoint, tables, aws } = JSON.parse(process.env.PHIEU_BENCH ?? 'null') ?? {};
if (!endpoint) throw new Error('PHIEU_BENCH with the DynamoDB endpoint is required');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...aws, endpoint }), { marshallOptions: { removeUndefinedValues: true } });
const repo = createRepository(doc, tables);
const server = createServer();
const port = await new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  }),
);
const url = `http://127.0.0.1:${port}`;
const identity = await createLocalIdentity(repo.reference, `${url}/local-idp`);
const app = createApp({ repo, identity, clock: () => new Date(), aggregateSlots: 4, publicUrl: url }, { serveExports: true });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => console.log(`READY ${url}`));
