import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type FoldPlan, planFold } from '@shared/aggregation/fold';
import { tallyOf } from '@shared/indicators/tally';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandTimes, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAggregatesRepo } from '../../functions/lib/repo/aggregates-repo';
import { answers, storedItem } from '../support/fold-harness';

expect.extend({ toReceiveCommandWith, toReceiveCommandTimes });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const TABLE = 'phieu-aggregates';
const NOW = '2026-01-03T00:00:00.000Z';
const ddb = mockClient(DynamoDBDocumentClient);
const repo = createAggregatesRepo(ddb as unknown as DynamoDBDocumentClient, TABLE);

beforeEach(() => {
  ddb.reset();
});

const cancelled = (code: string) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: code }] });

describe('applyPlan', () => {
  const key = { roundId: 'r1', wardCode: 'W1' };
  const plan: FoldPlan = {
    ledgerUpdates: [
      { expectedVersion: null, previous: null, next: { responseId: 'a', version: 1, key, tally: { households: 1, members: 2 } } },
      {
        expectedVersion: 3,
        previous: { responseId: 'b', version: 3, key, tally: { households: 1, members: 1 } },
        next: { responseId: 'b', version: 4, key: null, tally: {} },
      },
    ],
    deltas: [{ key, tally: { members: 1 } }],
    skipped: 0,
  };

  it('writes ledger entries conditional on the versions planned against and the ward delta as ADDs, in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});

    expect(await repo.applyPlan(plan, 2, NOW)).toBe(true);

    const expected = {
      TransactItems: [
        {
          Put: {
            TableName: TABLE,
            Item: { pk: 'LEDGER#a', sk: 'L', responseId: 'a', version: 1, roundId: 'r1', wardCode: 'W1', tally: { households: 1, members: 2 }, updatedAt: NOW },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: TABLE,
            Item: { pk: 'LEDGER#b', sk: 'L', responseId: 'b', version: 4, roundId: null, wardCode: null, tally: {}, updatedAt: NOW },
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': 3 },
          },
        },
        {
          Update: {
            TableName: TABLE,
            Key: { pk: 'AGG#r1', sk: 'W1#2' },
            UpdateExpression: 'ADD #rev :one, #c0 :c0 SET #updatedAt = :now, #x0 = :x0, #x1 = :x1, #x2 = :x2',
            ExpressionAttributeNames: { '#rev': 'rev', '#updatedAt': 'updatedAt', '#c0': 'members', '#x0': 'roundId', '#x1': 'wardCode', '#x2': 'slot' },
            ExpressionAttributeValues: { ':one': 1, ':now': NOW, ':c0': 1, ':x0': 'r1', ':x1': 'W1', ':x2': 2 },
          },
        },
      ],
    };
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(ddb).toReceiveCommandWith(TransactWriteCommand, expected);
    expect(ddb.commandCalls(TransactWriteCommand)[0].args[0].input).toEqual(expected);
  });

  it('folds a batch of 40 records of one ward into one transaction: 40 ledger puts and a single aggregate update', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const body = fc.sample(answers, { numRuns: 1, seed: 3 })[0];
    const records = Array.from({ length: 40 }, (_, i) => ({ sequenceNumber: String(100 + i), newImage: storedItem(`h${i}`, 'r1', 'W1', 'W1-v1', 1, body) }));

    expect(await repo.applyPlan(planFold(records, new Map()), 0, NOW)).toBe(true);

    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const items = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    const tally = tallyOf({ ...body, referenceYear: 2024 });
    expect(items.slice(0, 40)).toEqual(
      records.map((_, i) => ({
        Put: {
          TableName: TABLE,
          Item: { pk: `LEDGER#h${i}`, sk: 'L', responseId: `h${i}`, version: 1, roundId: 'r1', wardCode: 'W1', tally, updatedAt: NOW },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    );
    expect(items.filter((item) => item.Update)).toEqual([
      { Update: expect.objectContaining({ Key: { pk: 'AGG#r1', sk: 'W1#0' }, ExpressionAttributeValues: expect.objectContaining({ ':c0': 40 }) }) },
    ]);
    expect(items).toHaveLength(41);
    const update = items[40].Update!;
    for (const [name, attribute] of Object.entries(update.ExpressionAttributeNames!)) {
      if (name.startsWith('#c')) expect(update.ExpressionAttributeValues![`:${name.slice(1)}`]).toBe(40 * tally[attribute]);
    }
  });

  it('answers false when a ledger condition failed (another writer folded first)', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await repo.applyPlan(plan, 0, NOW)).toBe(false);
  });

  it('throws on any other cancellation, so the batch is retried', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(repo.applyPlan(plan, 0, NOW)).rejects.toThrow(TransactionCanceledException);
  });

  it('sends nothing for an empty plan and refuses a plan over the transaction limit', async () => {
    expect(await repo.applyPlan({ ledgerUpdates: [], deltas: [], skipped: 3 }, 0, NOW)).toBe(true);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 0);
    const big = { ...plan, ledgerUpdates: Array.from({ length: 100 }, () => plan.ledgerUpdates[0]) };
    await expect(repo.applyPlan(big, 0, NOW)).rejects.toThrow(/split it first/);
  });
});

describe('readLedger', () => {
  it('reads strongly consistent in batches of 100 and follows unprocessed keys', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `r${i}`);
    const entry = (id: string, extra = {}) => ({
      pk: `LEDGER#${id}`,
      sk: 'L',
      responseId: id,
      version: 2,
      roundId: 'r1',
      wardCode: 'W1',
      tally: { households: 1 },
      ...extra,
    });
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [entry('r0')] }, UnprocessedKeys: { [TABLE]: { Keys: [{ pk: 'LEDGER#r1', sk: 'L' }] } } })
      .resolvesOnce({ Responses: { [TABLE]: [entry('r1', { roundId: null, wardCode: null, tally: {} })] } })
      .resolvesOnce({ Responses: { [TABLE]: [] } });

    const ledger = await repo.readLedger([...ids, 'r0']);

    expect(ddb).toReceiveCommandTimes(BatchGetCommand, 3);
    expect(ddb).toReceiveCommandWith(BatchGetCommand, {
      RequestItems: { [TABLE]: { Keys: ids.slice(0, 100).map((id) => ({ pk: `LEDGER#${id}`, sk: 'L' })), ConsistentRead: true } },
    });
    expect(ddb).toReceiveCommandWith(BatchGetCommand, { RequestItems: { [TABLE]: { Keys: [{ pk: 'LEDGER#r1', sk: 'L' }], ConsistentRead: true } } });
    expect(ddb).toReceiveCommandWith(BatchGetCommand, { RequestItems: { [TABLE]: { Keys: [{ pk: 'LEDGER#r100', sk: 'L' }], ConsistentRead: true } } });
    expect(ledger).toEqual(
      new Map([
        ['r0', { responseId: 'r0', version: 2, key: { roundId: 'r1', wardCode: 'W1' }, tally: { households: 1 } }],
        ['r1', { responseId: 'r1', version: 2, key: null, tally: {} }],
      ]),
    );
  });
});

describe('readRoundRows', () => {
  it('queries the round partition strongly consistent, page by page, and keeps only counters in the tally', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ pk: 'AGG#r1', sk: 'W1#0', roundId: 'r1', wardCode: 'W1', slot: 0, rev: 3, updatedAt: NOW, households: 2, members: 0 }],
        LastEvaluatedKey: { pk: 'AGG#r1', sk: 'W1#0' },
      })
      .resolvesOnce({ Items: [{ pk: 'AGG#r1', sk: 'W2#1', roundId: 'r1', wardCode: 'W2', slot: 1, rev: 1, updatedAt: NOW, n_pop_ehr: 1 }] });

    const rows = await repo.readRoundRows('r1');

    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'AGG#r1' },
      ConsistentRead: true,
      ExclusiveStartKey: undefined,
    });
    expect(ddb).toReceiveCommandWith(QueryCommand, { ExclusiveStartKey: { pk: 'AGG#r1', sk: 'W1#0' } });
    expect(rows).toEqual([
      { wardCode: 'W1', slot: 0, tally: { households: 2 }, rev: 3, updatedAt: NOW },
      { wardCode: 'W2', slot: 1, tally: { n_pop_ehr: 1 }, rev: 1, updatedAt: NOW },
    ]);
  });
});

describe('correctWard', () => {
  const rowsRead = [
    { wardCode: 'W1', slot: 0, tally: { households: 5 }, rev: 7, updatedAt: NOW },
    { wardCode: 'W1', slot: 2, tally: { households: 1 }, rev: 2, updatedAt: NOW },
  ];

  it('adds the correction to slot 0 on condition that no slot of the ward moved since it was read', async () => {
    ddb.on(TransactWriteCommand).resolves({});

    expect(await repo.correctWard('r1', 'W1', { households: -3 }, rowsRead, 3, NOW)).toBe(true);

    const expected = {
      TransactItems: [
        {
          Update: {
            TableName: TABLE,
            Key: { pk: 'AGG#r1', sk: 'W1#0' },
            UpdateExpression: 'ADD #rev :one, #c0 :c0 SET #updatedAt = :now, #x0 = :x0, #x1 = :x1, #x2 = :x2',
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev', '#updatedAt': 'updatedAt', '#c0': 'households', '#x0': 'roundId', '#x1': 'wardCode', '#x2': 'slot' },
            ExpressionAttributeValues: { ':one': 1, ':now': NOW, ':c0': -3, ':x0': 'r1', ':x1': 'W1', ':x2': 0, ':rev': 7 },
          },
        },
        { ConditionCheck: { TableName: TABLE, Key: { pk: 'AGG#r1', sk: 'W1#1' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: { pk: 'AGG#r1', sk: 'W1#2' },
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': 2 },
          },
        },
      ],
    };
    expect(ddb).toReceiveCommandWith(TransactWriteCommand, expected);
    expect(ddb.commandCalls(TransactWriteCommand)[0].args[0].input).toEqual(expected);
  });

  it('answers false when a slot changed meanwhile', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await repo.correctWard('r1', 'W1', { households: -3 }, rowsRead, 3, NOW)).toBe(false);
  });
});

describe('review buckets', () => {
  it('moves an approved response from the ward row to its bucket row, the ledger naming the bucket', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const submitted = { roundId: 'r1', wardCode: 'W1' };
    const approved = { roundId: 'r1', wardCode: 'W1', bucket: 'approved' as const };
    const plan: FoldPlan = {
      ledgerUpdates: [
        {
          expectedVersion: 1,
          previous: { responseId: 'a', version: 1, key: submitted, tally: { households: 1 } },
          next: { responseId: 'a', version: 2, key: approved, tally: { households: 1 } },
        },
      ],
      deltas: [
        { key: submitted, tally: { households: -1 } },
        { key: approved, tally: { households: 1 } },
      ],
      skipped: 0,
    };

    expect(await repo.applyPlan(plan, 1, NOW)).toBe(true);

    const items = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(items[0].Put!.Item).toEqual({
      pk: 'LEDGER#a',
      sk: 'L',
      responseId: 'a',
      version: 2,
      roundId: 'r1',
      wardCode: 'W1',
      bucket: 'approved',
      tally: { households: 1 },
      updatedAt: NOW,
    });
    expect(items[1].Update).toMatchObject({ Key: { pk: 'AGG#r1', sk: 'W1#1' }, ExpressionAttributeValues: { ':c0': -1, ':x1': 'W1', ':x2': 1 } });
    expect(items[2].Update).toEqual({
      TableName: TABLE,
      Key: { pk: 'AGG#r1', sk: 'W1#approved#1' },
      UpdateExpression: 'ADD #rev :one, #c0 :c0 SET #updatedAt = :now, #x0 = :x0, #x1 = :x1, #x2 = :x2, #x3 = :x3',
      ExpressionAttributeNames: {
        '#rev': 'rev',
        '#updatedAt': 'updatedAt',
        '#c0': 'households',
        '#x0': 'roundId',
        '#x1': 'wardCode',
        '#x2': 'bucket',
        '#x3': 'slot',
      },
      ExpressionAttributeValues: { ':one': 1, ':now': NOW, ':c0': 1, ':x0': 'r1', ':x1': 'W1', ':x2': 'approved', ':x3': 1 },
    });
  });

  it('reads the bucket of rows and ledger entries back, and corrects a bucket row under its own keys', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [{ pk: 'AGG#r1', sk: 'W1#rejected#0', roundId: 'r1', wardCode: 'W1', bucket: 'rejected', slot: 0, rev: 2, updatedAt: NOW, households: 3 }],
    });
    ddb.on(BatchGetCommand).resolves({
      Responses: { [TABLE]: [{ pk: 'LEDGER#a', sk: 'L', responseId: 'a', version: 3, roundId: 'r1', wardCode: 'W1', bucket: 'returned', tally: {} }] },
    });
    ddb.on(TransactWriteCommand).resolves({});

    const rows = await repo.readRoundRows('r1');
    expect(rows).toEqual([{ wardCode: 'W1', bucket: 'rejected', slot: 0, tally: { households: 3 }, rev: 2, updatedAt: NOW }]);
    expect((await repo.readLedger(['a'])).get('a')?.key).toEqual({ roundId: 'r1', wardCode: 'W1', bucket: 'returned' });
    expect(await repo.correctWard('r1', 'W1', { households: -1 }, rows, 2, NOW, 'rejected')).toBe(true);
    const [update, check] = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(update.Update).toMatchObject({ Key: { pk: 'AGG#r1', sk: 'W1#rejected#0' }, ConditionExpression: '#rev = :rev' });
    expect(check.ConditionCheck).toMatchObject({ Key: { pk: 'AGG#r1', sk: 'W1#rejected#1' }, ConditionExpression: 'attribute_not_exists(pk)' });
  });
});
