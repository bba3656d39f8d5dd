import { type _Record, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStreamHandler, type StreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { type DeadLetterQueue, pointerFromMessage, replayDeadLetter, replayQueue } from '../../infra/local/dead-letters';
import { answers, storedItem, storedWardTallies } from '../support/fold-harness';
import { createMemoryRepository } from '../support/memory-repo';

expect.extend({ toReceiveCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const STREAM = 'arn:aws:dynamodb:ap-southeast-1:123456789012:table/phieu-responses/stream/2026-01-01T00:00:00.000';
const SHARD = 'shardId-00000001700000000000-abcdef01';
const body = fc.sample(answers, { numRuns: 1, seed: 11 })[0];
const streams = mockClient(DynamoDBStreamsClient);

/** A stream record creating household `id` in W1 of round r1. */
const created = (sequenceNumber: string, id: string): _Record => ({
  eventID: `e${sequenceNumber}`,
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ap-southeast-1',
  dynamodb: {
    SequenceNumber: sequenceNumber,
    ApproximateCreationDateTime: new Date('2026-01-01T00:00:00Z'),
    NewImage: marshall(storedItem(id, 'r1', 'W1', 'W1-v1', 1, body)) as never,
  },
});

/** Lambda's on-failure destination message for a stream batch. */
const lambdaMessage = (start: string, end: string) =>
  JSON.stringify({
    requestContext: {
      requestId: 'req-1',
      functionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:stream',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 6,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: '2026-01-01T00:05:00.000Z',
    DDBStreamBatchInfo: {
      shardId: SHARD,
      startSequenceNumber: start,
      endSequenceNumber: end,
      approximateArrivalOfFirstRecord: '2026-01-01T00:00:00Z',
      approximateArrivalOfLastRecord: '2026-01-01T00:00:01Z',
      batchSize: 3,
      streamArn: STREAM,
    },
  });

function setup() {
  const repo = createMemoryRepository();
  const handler = createStreamHandler({ aggregates: repo.aggregates, slots: 2, log: () => {} });
  const events: DynamoDBStreamEvent[] = [];
  const recording: StreamHandler = async (event) => {
    events.push(event);
    return handler(event);
  };
  const households = async () => storedWardTallies(await repo.aggregates.readRoundRows('r1')).get('W1')?.households ?? 0;
  return { repo, handler: recording, events, households };
}

beforeEach(() => {
  streams.reset();
});

describe('pointerFromMessage', () => {
  it("reads Lambda's on-failure message and the local poller's letter", () => {
    expect(pointerFromMessage(lambdaMessage('100', '300'))).toEqual({
      shardId: SHARD,
      startSequenceNumber: '100',
      endSequenceNumber: '300',
      streamArn: STREAM,
    });
    const local = JSON.stringify({
      level: 'error',
      message: 'stream batch dead-lettered',
      shardId: SHARD,
      startSequenceNumber: '5',
      endSequenceNumber: '9',
      size: 3,
      reason: 'retries exhausted',
    });
    expect(pointerFromMessage(local)).toEqual({ shardId: SHARD, startSequenceNumber: '5', endSequenceNumber: '9', streamArn: undefined });
  });

  it('rejects anything else', () => {
    expect(() => pointerFromMessage('nope')).toThrow('not JSON');
    expect(() => pointerFromMessage('{"DDBStreamBatchInfo":{"shardId":"s"}}')).toThrow(/startSequenceNumber/);
  });
});

describe('replayDeadLetter', () => {
  it('reads the batch from its first to its last sequence number and folds it with the stream handler', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams.on(GetRecordsCommand, { ShardIterator: 'it-1' }).resolves({ Records: [created('100', 'a'), created('200', 'b')], NextShardIterator: 'it-2' });
    streams.on(GetRecordsCommand, { ShardIterator: 'it-2' }).resolves({ Records: [created('300', 'c'), created('1000', 'later')], NextShardIterator: 'it-3' });

    const outcome = await replayDeadLetter(pointerFromMessage(lambdaMessage('100', '300')), { streams: streams as never, handler: t.handler });

    expect(outcome).toEqual({ status: 'replayed', records: 3, roundIds: ['r1'] });
    expect(streams).toReceiveCommandWith(GetShardIteratorCommand, {
      StreamArn: STREAM,
      ShardId: SHARD,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: '100',
    });
    expect(t.events).toHaveLength(1);
    expect(t.events[0].Records.map((r) => [r.dynamodb?.SequenceNumber, r.eventSourceARN, r.dynamodb?.ApproximateCreationDateTime])).toEqual([
      ['100', STREAM, 1767225600],
      ['200', STREAM, 1767225600],
      ['300', STREAM, 1767225600],
    ]);
    expect(await t.households()).toBe(3);
  });

  it('changes nothing when the batch was folded already (a replay is a no-op)', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams.on(GetRecordsCommand).resolves({ Records: [created('100', 'a'), created('200', 'b')] });
    const pointer = { shardId: SHARD, startSequenceNumber: '100', endSequenceNumber: '200' };

    await replayDeadLetter(pointer, { streams: streams as never, handler: t.handler, streamArn: STREAM });
    await replayDeadLetter(pointer, { streams: streams as never, handler: t.handler, streamArn: STREAM });

    expect(await t.households()).toBe(2);
  });

  it('retries from the record the handler reports as failed, and gives up after the attempts', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams.on(GetRecordsCommand).resolves({ Records: [created('100', 'a'), created('200', 'b')] });
    let calls = 0;
    const flaky: StreamHandler = async (event) => {
      calls += 1;
      if (calls === 1) {
        await t.handler({ Records: event.Records.slice(0, 1) });
        return { batchItemFailures: [{ itemIdentifier: '200' }] };
      }
      return t.handler(event);
    };

    expect(
      await replayDeadLetter(
        { shardId: SHARD, startSequenceNumber: '100', endSequenceNumber: '200' },
        { streams: streams as never, handler: flaky, streamArn: STREAM },
      ),
    ).toMatchObject({ status: 'replayed' });
    expect(t.events.map((e) => e.Records.map((r) => r.dynamodb?.SequenceNumber))).toEqual([['100'], ['200']]);
    expect(await t.households()).toBe(2);

    const broken: StreamHandler = async () => {
      throw new Error('still broken');
    };
    const outcome = await replayDeadLetter(
      { shardId: SHARD, startSequenceNumber: '100', endSequenceNumber: '200' },
      { streams: streams as never, handler: broken, streamArn: STREAM, attempts: 2 },
    );
    expect(outcome).toEqual({ status: 'failed', records: 2, roundIds: ['r1'], reason: 'the handler still fails at record 100' });
  });

  it('says the records expired when the stream no longer holds them', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand).rejects(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));

    const outcome = await replayDeadLetter(pointerFromMessage(lambdaMessage('100', '300')), { streams: streams as never, handler: t.handler });

    expect(outcome).toEqual({ status: 'expired', records: 0, roundIds: [], reason: 'TrimmedDataAccessException: the records are no longer in the stream' });
    expect(t.events).toHaveLength(0);
  });
});

describe('replayQueue', () => {
  function fakeQueue(bodies: Record<string, string>): DeadLetterQueue & { removed: string[] } {
    const removed: string[] = [];
    return {
      removed,
      async receive() {
        // SQS hands back messages that were not deleted once their visibility timeout passes.
        return Object.entries(bodies)
          .filter(([id]) => !removed.includes(`rh-${id}`))
          .map(([id, body]) => ({ id, receiptHandle: `rh-${id}`, body }));
      },
      async remove(receiptHandle) {
        removed.push(receiptHandle);
      },
    };
  }

  it('deletes replayed messages, recomputes for expired ones, and keeps what it could not handle', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand, { SequenceNumber: '100' }).resolves({ ShardIterator: 'it-ok' });
    streams.on(GetRecordsCommand, { ShardIterator: 'it-ok' }).resolves({ Records: [created('100', 'a'), created('200', 'b')] });
    streams.on(GetShardIteratorCommand, { SequenceNumber: '5' }).rejects(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));
    const recomputed: string[][] = [];
    const queue = fakeQueue({ m1: lambdaMessage('100', '200'), m2: lambdaMessage('5', '9'), m3: 'garbage' });

    const reports = await replayQueue(queue, {
      streams: streams as never,
      handler: t.handler,
      recompute: async (roundIds) => {
        recomputed.push(roundIds);
        return true;
      },
    });

    expect(reports.map((r) => [r.messageId, r.outcome?.status, r.removed])).toEqual([
      ['m1', 'replayed', true],
      ['m2', 'expired', true],
      ['m3', undefined, false],
    ]);
    expect(reports[2].note).toMatch(/unreadable message kept/);
    expect(queue.removed).toEqual(['rh-m1', 'rh-m2']);
    expect(recomputed).toEqual([[]]);
    expect(await t.households()).toBe(2);
  });

  it('keeps an expired message and says to recompute when no recompute is given', async () => {
    const t = setup();
    streams.on(GetShardIteratorCommand).rejects(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));
    const queue = fakeQueue({ m1: lambdaMessage('5', '9') });

    const [report] = await replayQueue(queue, { streams: streams as never, handler: t.handler });

    expect(report).toMatchObject({ removed: false, note: expect.stringContaining('npm run recompute') });
    expect(queue.removed).toEqual([]);
  });
});
