// `npm run bench:api`: what the API adds to DynamoDB. Against DynamoDB Local, in process (app.request, no HTTP
// server), interleaved so both sides see the same load on this shared machine:
//   PUT /api/responses/:id (a new household)  vs  a bare PutItem of the same item;
//   PUT of a roster household (householdCode)  vs  a bare TransactWriteItems of the response and its claim;
//   GET /api/aggregates                        vs  a bare Query of the round's aggregate rows.
// Prints p50/p95 per side and their ratio (goal ≤ 1.5, never above 2.0). Not a test: nothing is asserted.
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/lib/app/create-app';
import { createLocalIdentity } from '../../functions/lib/auth/local-identity';
import { hashPassword } from '../../functions/lib/auth/passwords';
import { createDocumentClient, createRepository } from '../../functions/lib/repo';
import { aggregatePk } from '../../functions/lib/repo/aggregates-repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { RESPONSES_TABLE } from '../../functions/lib/repo/tables';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { foldRecords } from '../../functions/lib/services/results/fold-records';
import { textTable } from '../../infra/local/cli-deps';
import { LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ROUND_ID, responseBody } from '../support/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 40;
const TABLES = { responses: 'bench-responses', aggregates: 'bench-aggregates', reference: 'bench-reference' };

const quantile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const dynamo = await startDynamoDbLocal();
try {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  await createTables(client, TABLES);
  const doc = createDocumentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
  const repo = createRepository(doc, TABLES);
  await seedReferenceData(repo.reference);
  await repo.reference.putLocalUser({ username: 'bench', role: 'admin', areas: ['38'], passwordHash: await hashPassword('bench-password') });
  const identity = await createLocalIdentity(repo.reference, 'http://bench.local/idp');
  const app = createApp({ repo, identity, clock: () => new Date(), aggregateSlots: 4, publicUrl: 'http://bench.local' }, { log: () => {} });
  const { token } = await identity.signIn('bench', 'bench-password');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const body = JSON.stringify(responseBody());

  const apiPut = async () => {
    const res = await app.request(`/api/responses/${randomUUID()}`, { method: 'PUT', headers, body });
    if (res.status !== 201) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
  };
  // The item exactly as the API stores it (index keys included), under a fresh id each time.
  const firstId = randomUUID();
  await app.request(`/api/responses/${firstId}`, { method: 'PUT', headers, body });
  const { Item: stored } = await doc.send(new GetCommand({ TableName: TABLES.responses, Key: { id: firstId } }));
  if (!stored) throw new Error('the first PUT stored nothing');
  const barePut = async () => {
    const id = randomUUID();
    const sortKey = RESPONSES_TABLE.byRoundWard.sortKey;
    await doc.send(new PutCommand({ TableName: TABLES.responses, Item: { ...stored, id, [sortKey]: `${stored.villageCode}#${id}` } }));
  };
  // A roster household: the response and its household claim in one transaction (docs/one-count.md).
  const apiPutClaimed = async () => {
    const householdCode = `HH-${randomUUID()}`;
    const claimed = JSON.stringify({ ...responseBody(), householdCode });
    const res = await app.request(`/api/responses/${randomUUID()}`, { method: 'PUT', headers, body: claimed });
    if (res.status !== 201) throw new Error(`PUT answered ${res.status}: ${await res.text()}`);
  };
  const bareTransact = async () => {
    const id = randomUUID();
    const householdCode = `HH-${id}`;
    const sortKey = RESPONSES_TABLE.byRoundWard.sortKey;
    const { roundId, wardCode } = stored as { roundId: string; wardCode: string };
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLES.responses,
              Item: { ...stored, id, householdCode, [sortKey]: `${stored.villageCode}#${id}` },
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
          {
            Put: {
              TableName: TABLES.reference,
              Item: { pk: `CLAIM#${roundId}#${wardCode}`, sk: householdCode, responseId: id, roundId, wardCode, householdCode },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  };
  const apiGet = async () => {
    const res = await app.request(`/api/aggregates?roundId=${ROUND_ID}&level=ward`, { headers });
    if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
    await res.json();
  };
  const bareQuery = () =>
    doc.send(
      new QueryCommand({
        TableName: TABLES.aggregates,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': aggregatePk(ROUND_ID) },
        ConsistentRead: true,
      }),
    );

  const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
    ['PUT /api/responses/:id (new household) vs PutItem', apiPut, barePut],
    ['PUT /api/responses/:id (roster household) vs TransactWriteItems', apiPutClaimed, bareTransact],
    ['GET /api/aggregates vs Query of its rows', apiGet, bareQuery],
  ];
  const rows = [];
  for (const [name, api, bare] of pairs) {
    if (api === apiGet) {
      // Aggregate rows as the stream would fold them, from what the PUTs stored.
      const items = [];
      for await (const item of repo.responses.listAllInWard(ROUND_ID, '14815')) items.push(item);
      await foldRecords(
        items.map((item, i) => ({ sequenceNumber: String(i), newImage: item })),
        repo.aggregates,
        { slot: 0, now: () => new Date() },
      );
    }
    for (let i = 0; i < WARMUP; i += 1) await Promise.all([api(), bare()].map((p) => p.catch((e) => Promise.reject(e))));
    const apiTimes: number[] = [];
    const bareTimes: number[] = [];
    // Alternate which side goes first, so neither always meets a warmer or colder server.
    for (let i = 0; i < RUNS; i += 1) {
      if (i % 2 === 0) {
        apiTimes.push(await timed(api));
        bareTimes.push(await timed(bare));
      } else {
        bareTimes.push(await timed(bare));
        apiTimes.push(await timed(api));
      }
    }
    const [a50, a95, b50, b95] = [quantile(apiTimes, 0.5), quantile(apiTimes, 0.95), quantile(bareTimes, 0.5), quantile(bareTimes, 0.95)];
    rows.push({
      request: name,
      'api p50 ms': a50.toFixed(2),
      'api p95 ms': a95.toFixed(2),
      'bare p50 ms': b50.toFixed(2),
      'bare p95 ms': b95.toFixed(2),
      'ratio p50': (a50 / b50).toFixed(2),
      'ratio p95': (a95 / b95).toFixed(2),
    });
  }
  console.log(`bench:api — ${RUNS} interleaved runs each after ${WARMUP} warm-up, DynamoDB Local, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  console.log(textTable(rows));
  client.destroy();
  doc.destroy();
} finally {
  await dynamo.stop();
}
