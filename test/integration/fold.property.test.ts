// The aggregates stay exact against DynamoDB Local with the real stream handler, the real poller (retries
// from the failed record, dead letters) and injected delivery faults; recompute then finds zero drift.

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { AreaTree } from '@shared/areas/areas';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { type RecomputeDeps, recomputeRound } from '../../functions/lib/services/results/recompute';
import { createStreamHandler, type StreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { replayDeadLetter } from '../../infra/local/dead-letters';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local';
import { main as recomputeCli } from '../../infra/local/recompute';
import { main as replayCli } from '../../infra/local/replay-dead-letters';
import { LOCAL_TABLES, type LocalStack, startLocalStack } from '../../infra/local/stack';
import { adult, child, responseBody } from '../support/fixtures';
import {
  allLevels,
  applyOp,
  crashingAggregates,
  normalized,
  type Op,
  opArbitrary,
  propertyParameters,
  rowsOf,
  storedWardTallies,
  trueWardTallies,
} from '../support/fold-harness';

const TREE = new AreaTree(BIM_SON_AREAS);
const WARDS = ['14809', '14815', '14821'];
const SLOTS = 3;
const quiet = () => {};

type Fault =
  | { kind: 'none' }
  | { kind: 'throw' }
  | { kind: 'throwAfter' }
  | { kind: 'partial'; at: number }
  | { kind: 'twice' }
  | { kind: 'bisect' }
  | { kind: 'crash'; parts: number };

const failing = (f: Fault) => ['throw', 'throwAfter', 'partial', 'crash'].includes(f.kind);
const faultArbitrary: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'throw' as const }),
  fc.constant({ kind: 'throwAfter' as const }),
  fc.record({ kind: fc.constant('partial' as const), at: fc.nat(20) }),
  fc.constant({ kind: 'twice' as const }),
  fc.constant({ kind: 'bisect' as const }),
  fc.record({ kind: fc.constant('crash' as const), parts: fc.nat(2) }),
);

let stack: LocalStack;
let streamArn: string;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
/** Faults for the next handler calls, in order; `poisoned` makes every call fail (to exhaust retries). */
const injected = { faults: [] as Fault[], poisoned: false, calls: 0 };

function withFaults(real: StreamHandler): StreamHandler {
  return async (event) => {
    injected.calls += 1;
    if (injected.poisoned) throw new Error('poisoned');
    const fault = injected.faults.shift() ?? { kind: 'none' };
    const records = event.Records;
    switch (fault.kind) {
      case 'throw':
        throw new Error('injected failure before folding');
      case 'throwAfter':
        await real(event);
        throw new Error('injected failure after folding');
      case 'partial':
        await real(event);
        return { batchItemFailures: [{ itemIdentifier: records[fault.at % records.length].dynamodb!.SequenceNumber! }] };
      case 'twice':
        await real(event);
        return real(event);
      case 'bisect': {
        const half = Math.ceil(records.length / 2);
        const first = await real({ Records: records.slice(0, half) });
        if (first.batchItemFailures.length > 0 || half === records.length) return first;
        return real({ Records: records.slice(half) });
      }
      case 'crash':
        return createStreamHandler({ aggregates: crashingAggregates(stack.repo.aggregates, fault.parts), slots: SLOTS, log: quiet })(event);
      default:
        return real(event);
    }
  };
}

beforeAll(async () => {
  stack = await startLocalStack({ wrapStreamHandler: withFaults, aggregateSlots: SLOTS });
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: stack.ddbEndpoint });
  streams = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: stack.ddbEndpoint });
  streamArn = (await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLES.responses }))).Table!.LatestStreamArn!;
});

afterAll(async () => {
  client?.destroy();
  streams?.destroy();
  await stack?.stop();
});

const recomputeDeps = (): RecomputeDeps => ({
  responses: stack.repo.responses,
  aggregates: stack.repo.aggregates,
  areaTree: async () => TREE,
  slots: SLOTS,
  clock: () => new Date(),
});

/** Waits for the stream to drain, then replays whatever was dead-lettered since `letterMark`. */
async function settle(letterMark: number) {
  await stack.poller.idle();
  for (const letter of stack.poller.deadLetters.slice(letterMark)) {
    expect(await replayDeadLetter(letter, { streams, handler: stack.streamHandler, streamArn })).toMatchObject({ status: 'replayed' });
  }
}

async function expectExact(roundId: string, ids: readonly string[]) {
  const items = (await Promise.all(ids.map((id) => stack.repo.responses.get(id)))).filter((item): item is StoredResponseItem => Boolean(item));
  const rows = await stack.repo.aggregates.readRoundRows(roundId);
  const truth = trueWardTallies(items, roundId);
  expect(normalized(storedWardTallies(rows))).toEqual(normalized(truth));
  expect(allLevels(roundId, TREE, rows)).toEqual(allLevels(roundId, TREE, rowsOf(truth)));
  const report = await recomputeRound(roundId, recomputeDeps());
  expect(report).toMatchObject({ drift: [], repaired: [], remaining: [], lagging: 0 });
}

const roundsUsed: string[] = [];

async function runOps(roundId: string, ops: readonly Op[]) {
  await stack.repo.reference.putRound({
    id: roundId,
    name: roundId,
    form: 'household-dx',
    formVersion: 1,
    referenceYear: 2024,
    opensAt: '2024-01-01T00:00:00Z',
    closesAt: '2030-01-01T00:00:00Z',
  });
  roundsUsed.push(roundId);
  const responseId = (n: number) => `${roundId}-${n}`;
  const ctx = {
    roundId,
    responseId,
    wards: WARDS,
    responses: stack.repo.responses,
    purged: new Set<string>(),
    purge: async (item: StoredResponseItem) => {
      await stack.doc.send(new DeleteCommand({ TableName: LOCAL_TABLES.responses, Key: { id: item.id } }));
    },
  };
  for (const op of ops) await applyOp(op, ctx);
  return [0, 1, 2, 3, 4].map(responseId);
}

describe('aggregates against DynamoDB Local with the real handler (property)', () => {
  it('equal a full recompute after random ops and random delivery faults', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArbitrary(), { minLength: 1, maxLength: 12 }),
        fc.array(faultArbitrary, { maxLength: 8 }).filter((faults) => faults.filter(failing).length <= 4),
        async (ops, faults) => {
          const roundId = `prop-${randomUUID().slice(0, 8)}`;
          const letterMark = stack.poller.deadLetters.length;
          injected.faults = [...faults];
          const ids = await runOps(roundId, ops);
          await settle(letterMark);
          injected.faults = [];
          await expectExact(roundId, ids);
        },
      ),
      propertyParameters(15),
    );
  });
});

describe('aggregates against DynamoDB Local (examples)', () => {
  it('counts a household once when its record is delivered twice', async () => {
    const roundId = `twice-${randomUUID().slice(0, 8)}`;
    injected.faults = [{ kind: 'twice' }, { kind: 'twice' }];
    const ids = await runOps(roundId, [
      { kind: 'create', id: 0, ward: 1, village: 0, body: { household: responseBody().household, members: [adult(), child()] } },
    ]);
    await settle(stack.poller.deadLetters.length);
    injected.faults = [];

    const stored = storedWardTallies(await stack.repo.aggregates.readRoundRows(roundId));
    expect(stored.get('14815')).toMatchObject({ households: 1, members: 2 });
    await expectExact(roundId, ids);
  });

  it('replays a dead-lettered batch after later edits of the same households and ends exact', async () => {
    const roundId = `dlq-${randomUUID().slice(0, 8)}`;
    const letterMark = stack.poller.deadLetters.length;
    const body = { household: responseBody().household, members: [adult()] };
    injected.poisoned = true;
    const ids = await runOps(roundId, [
      { kind: 'create', id: 0, ward: 0, village: 0, body },
      { kind: 'create', id: 1, ward: 1, village: 0, body },
    ]);
    const deadLettered = () => stack.poller.deadLetters.slice(letterMark).reduce((records, letter) => records + letter.size, 0);
    await expect.poll(deadLettered, { timeout: 20_000, interval: 100 }).toBe(2);
    injected.poisoned = false;
    // Newer versions are folded before the dead letter is replayed: a move, and a delete.
    await runOps(roundId, [
      { kind: 'edit', id: 0, body: null, move: 'ward', ward: 2, village: 1 },
      { kind: 'delete', id: 1 },
    ]);
    await stack.poller.idle();
    expect(normalized(storedWardTallies(await stack.repo.aggregates.readRoundRows(roundId)))).toEqual({ '14821': expect.objectContaining({ households: 1 }) });

    // As an operator would: the letters the poller logged, through the command line.
    const letters = stack.poller.deadLetters
      .slice(letterMark)
      .map((letter) => JSON.stringify({ level: 'error', message: 'stream batch dead-lettered', ...letter }));
    const out: string[] = [];
    const code = await replayCli(
      ['--endpoint', stack.ddbEndpoint, ...letters.flatMap((letter) => ['--letter', letter])],
      (text) => out.push(text),
      (text) => out.push(text),
    );

    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/replayed \(\d records\)/);
    await expectExact(roundId, ids);
  });

  it('folds submissions, an edit moving villages and a delete made through the HTTP API', async () => {
    const login = await fetch(`${stack.url}/api/session`, {
      method: 'POST',
      body: JSON.stringify({ username: 'collector-14815', password: 'bimson2024' }),
      headers: { 'content-type': 'application/json' },
    });
    const { token } = await login.json();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const [a, b] = [randomUUID(), randomUUID()];
    const put = (id: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${stack.url}/api/responses/${id}`, { method: 'PUT', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
    const before = storedWardTallies(await stack.repo.aggregates.readRoundRows('cds-2024')).get('14815')?.households ?? 0;
    injected.faults = [{ kind: 'partial', at: 1 }, { kind: 'twice' }];

    expect((await put(a, responseBody())).status).toBe(201);
    expect((await put(b, responseBody({ members: [adult()] }))).status).toBe(201);
    expect((await put(a, responseBody())).status).toBe(200);
    expect((await put(a, responseBody({ villageCode: '14815-khu-pho-2', members: [adult(), adult()] }), { 'if-match': '1' })).status).toBe(200);
    expect((await fetch(`${stack.url}/api/responses/${b}`, { method: 'DELETE', headers: { ...headers, 'if-match': '1' } })).status).toBe(204);
    await settle(stack.poller.deadLetters.length);
    injected.faults = [];

    const stored = storedWardTallies(await stack.repo.aggregates.readRoundRows('cds-2024'));
    expect(stored.get('14815')?.households).toBe(before + 1);
    expect(await recomputeRound('cds-2024', recomputeDeps())).toMatchObject({ drift: [], remaining: [] });
  });

  it('npm run recompute finds zero drift in every round the runs above used', { timeout: 60_000 }, async () => {
    const body = { household: responseBody().household, members: [adult(), child()] };
    await runOps(`cli-${randomUUID().slice(0, 8)}`, [
      { kind: 'create', id: 0, ward: 0, village: 0, body },
      { kind: 'create', id: 1, ward: 2, village: 0, body },
    ]);
    await settle(stack.poller.deadLetters.length);
    const out: string[] = [];
    for (const roundId of roundsUsed) {
      expect(
        await recomputeCli(
          ['--round', roundId, '--endpoint', stack.ddbEndpoint],
          (text) => out.push(text),
          (text) => out.push(text),
        ),
      ).toBe(0);
    }
    expect(out.every((text) => text.includes('Drift found: none.') && text.includes('Remaining drift: none.'))).toBe(true);
    // And once as the operator runs it, in its own process.
    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', [
      'infra/local/recompute.ts',
      '--round',
      roundsUsed[0],
      '--endpoint',
      stack.ddbEndpoint,
    ]);
    expect(stdout).toContain('Remaining drift: none.');
  });
});
