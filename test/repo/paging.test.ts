import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith, toReceiveNthCommandWith } from 'aws-sdk-client-mock-vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_WRITE_MAX_ATTEMPTS, batchWriteAll, batchWriteBackoffMs, type WriteRequest } from '../../functions/lib/repo/batch-write';
import { queryAll, queryPages } from '../../functions/lib/repo/query-pages';

expect.extend({ toReceiveCommandWith, toReceiveNthCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const TABLE = 'phieu-reference';
const ddb = mockClient(DynamoDBDocumentClient);
const doc = ddb as unknown as DynamoDBDocumentClient;
const QUERY = { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AREA' }, ConsistentRead: true };
const put = (i: number): WriteRequest => ({ PutRequest: { Item: { pk: 'P', sk: `s${String(i).padStart(2, '0')}` } } });

beforeEach(() => ddb.reset());
afterEach(() => vi.useRealTimers());

describe('queryAll', () => {
  it('follows LastEvaluatedKey across three pages and returns every item in order', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: 'a' }, { sk: 'b' }], LastEvaluatedKey: { pk: 'AREA', sk: 'b' } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: 'AREA', sk: 'c' } })
      .resolvesOnce({ Items: [{ sk: 'd' }] });
    expect(await queryAll(doc, QUERY)).toEqual([{ sk: 'a' }, { sk: 'b' }, { sk: 'd' }]);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(3);
    expect(ddb.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      { ...QUERY, ExclusiveStartKey: undefined },
      { ...QUERY, ExclusiveStartKey: { pk: 'AREA', sk: 'b' } },
      { ...QUERY, ExclusiveStartKey: { pk: 'AREA', sk: 'c' } },
    ]);
  });

  it('sends one query when the first page is the last', async () => {
    ddb.on(QueryCommand).resolves({});
    expect(await queryAll(doc, QUERY)).toEqual([]);
    expect(ddb).toReceiveNthCommandWith(QueryCommand, 1, { ...QUERY, ExclusiveStartKey: undefined });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
  });
});

describe('queryPages', () => {
  it('reads the next page only when the caller asks for it', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ sk: 'a' }], LastEvaluatedKey: { pk: 'AREA', sk: 'a' } })
      .resolvesOnce({ Items: [{ sk: 'b' }], LastEvaluatedKey: { pk: 'AREA', sk: 'b' } })
      .resolvesOnce({ Items: [{ sk: 'c' }] });
    const seen: { page: unknown[]; queriesSent: number }[] = [];
    for await (const page of queryPages(doc, QUERY)) seen.push({ page, queriesSent: ddb.commandCalls(QueryCommand).length });
    expect(seen).toEqual([
      { page: [{ sk: 'a' }], queriesSent: 1 },
      { page: [{ sk: 'b' }], queriesSent: 2 },
      { page: [{ sk: 'c' }], queriesSent: 3 },
    ]);
  });
});

describe('batchWriteAll', () => {
  it('splits 60 requests into calls of 25, 25 and 10, in order', async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const requests = Array.from({ length: 60 }, (_, i) => put(i));
    await batchWriteAll(doc, TABLE, requests);
    expect(ddb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [TABLE]: requests.slice(0, 25) } },
      { RequestItems: { [TABLE]: requests.slice(25, 50) } },
      { RequestItems: { [TABLE]: requests.slice(50) } },
    ]);
  });

  it('resends exactly the unprocessed items of a call', async () => {
    const requests = Array.from({ length: 60 }, (_, i) => put(i));
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [requests[3], requests[7]] } })
      .resolves({});
    await batchWriteAll(doc, TABLE, requests);
    const sent = ddb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]);
    expect(sent.map((batch) => batch?.length)).toEqual([25, 2, 25, 10]);
    expect(sent[1]).toEqual([requests[3], requests[7]]);
  });

  it('writes every chunk once with several in flight', async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const requests = Array.from({ length: 60 }, (_, i) => put(i));
    await batchWriteAll(doc, TABLE, requests, { concurrency: 8 });
    const sent = ddb.commandCalls(BatchWriteCommand).flatMap((call) => call.args[0].input.RequestItems?.[TABLE] ?? []);
    expect(sent).toHaveLength(60);
    expect(new Set(sent)).toEqual(new Set(requests));
  });

  it('sends nothing for no requests', async () => {
    await batchWriteAll(doc, TABLE, []);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('waits with growing backoff before each resend', async () => {
    vi.useFakeTimers();
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [put(0)] } })
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [put(0)] } })
      .resolves({});
    const writing = batchWriteAll(doc, TABLE, [put(0), put(1)]);
    await vi.advanceTimersByTimeAsync(batchWriteBackoffMs(1) - 1);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(batchWriteBackoffMs(2) - 1);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await writing;
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect(batchWriteBackoffMs(2)).toBeGreaterThan(batchWriteBackoffMs(1));
  });

  it(`gives up after ${BATCH_WRITE_MAX_ATTEMPTS} calls when items stay unprocessed`, async () => {
    vi.useFakeTimers();
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: [put(0)] } });
    const writing = expect(batchWriteAll(doc, TABLE, [put(0), put(1)])).rejects.toThrow(
      `1 requests still unprocessed after ${BATCH_WRITE_MAX_ATTEMPTS} attempts`,
    );
    await vi.runAllTimersAsync();
    await writing;
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(BATCH_WRITE_MAX_ATTEMPTS);
  });
});
