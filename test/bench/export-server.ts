// The API alone, over an existing DynamoDB Local, in its own process so that `bench:export` can watch this
// process's memory while it streams an export. Prints `READY <url>` once listening.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { createRepository } from '../../functions/lib/repo';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/free-port';
import { LOCAL_TABLES } from '../../infra/local/stack';

const endpoint = process.env.DDB_ENDPOINT;
if (!endpoint) throw new Error('DDB_ENDPOINT is required');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL_AWS, endpoint }), { marshallOptions: { removeUndefinedValues: true } });
const repo = createRepository(doc, LOCAL_TABLES);
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const identity = await createLocalIdentity(repo.reference, `${url}/local-idp`);
const app = createApp({ repo, identity, clock: () => new Date(), aggregateSlots: 4 });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => console.log(`READY ${url}`));
