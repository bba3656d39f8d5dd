// Reads DynamoDB Local's stream and calls the stream handler with Lambda's event shape, the way the
// Lambda event source mapping does in AWS: one shard at a time in order, partial batch failures retried
// from the failed record with backoff, and after the last retry the batch goes to a dead-letter list.
import { type _Record, DescribeStreamCommand, type DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { type Log, logError } from '../../functions/lib/logger';
import type { StreamHandler } from '../../functions/lib/stream/create-stream-handler';

export interface DeadLetter {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  size: number;
  reason: string;
}

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  batchSize?: number;
  idleDelayMs?: number;
  maxRetries?: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Where a failed poll is reported; the shared logger unless given. */
  log?: Log;
}

export interface StreamPoller {
  stop(): Promise<void>;
  /** Resolves once every record written so far has been handed to the handler. */
  idle(): Promise<void>;
  readonly deadLetters: readonly DeadLetter[];
}

interface ShardState {
  iterator: string | undefined;
  /** Last sequence number read, to get a fresh iterator after it when one expires. */
  lastRead?: string;
  pending: DynamoDBRecord[];
  attempts: number;
  retryAt: number;
}

/** The event record Lambda would deliver for a record read from the stream. */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const { dynamodb } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : (created as number | undefined),
    },
  };
}

export function startStreamPoller({
  client,
  streamArn,
  handler,
  batchSize = 50,
  idleDelayMs = 100,
  maxRetries = 5,
  onDeadLetter,
  log = logError,
}: StreamPollerOptions): StreamPoller {
  const shards = new Map<string, ShardState>();
  const closed = new Set<string>();
  const deadLetters: DeadLetter[] = [];
  let stopped = false;
  let lastDiscovery = 0;
  let idleWaiters: { wake: () => void; idleCycles: number }[] = [];

  async function iteratorAfter(shardId: string, sequenceNumber: string | undefined) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand(
        sequenceNumber
          ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: sequenceNumber }
          : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator;
  }

  async function discoverShards() {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId!;
        if (shards.has(id) || closed.has(id)) continue;
        // A child shard starts only after its parent is read to the end, keeping per-item order.
        if (shard.ParentShardId && shards.has(shard.ParentShardId)) continue;
        shards.set(id, { iterator: await iteratorAfter(id, undefined), pending: [], attempts: 0, retryAt: 0 });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    lastDiscovery = Date.now();
  }

  /** Hands pending records to the handler; true when the shard made progress. */
  async function deliver(shardId: string, state: ShardState): Promise<boolean> {
    const batch = state.pending.slice(0, batchSize);
    let failedAt: string | undefined;
    try {
      const result = await handler({ Records: batch } satisfies DynamoDBStreamEvent);
      failedAt = result?.batchItemFailures?.[0]?.itemIdentifier;
    } catch {
      failedAt = batch[0].dynamodb?.SequenceNumber;
    }
    if (!failedAt) {
      state.pending = state.pending.slice(batch.length);
      state.attempts = 0;
      return true;
    }
    const index = Math.max(
      0,
      batch.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt),
    );
    state.pending = state.pending.slice(index);
    state.attempts += 1;
    if (state.attempts > maxRetries) {
      const failed = state.pending.slice(0, batchSize);
      const letter = {
        shardId,
        startSequenceNumber: failed[0].dynamodb!.SequenceNumber!,
        endSequenceNumber: failed.at(-1)!.dynamodb!.SequenceNumber!,
        size: failed.length,
        reason: 'retries exhausted',
      };
      deadLetters.push(letter);
      onDeadLetter?.(letter);
      state.pending = state.pending.slice(failed.length);
      state.attempts = 0;
      return true;
    }
    state.retryAt = Date.now() + Math.min(2000, 50 * 2 ** state.attempts);
    return false;
  }

  async function pollOnce(): Promise<boolean> {
    if (shards.size === 0 || Date.now() - lastDiscovery > 2000) await discoverShards();
    let progressed = false;
    for (const [shardId, state] of shards) {
      if (state.pending.length === 0 && state.iterator) {
        try {
          const { Records, NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: batchSize }));
          state.iterator = NextShardIterator;
          state.pending = (Records ?? []).map((r) => toLambdaRecord(r, streamArn));
          state.lastRead = state.pending.at(-1)?.dynamodb?.SequenceNumber ?? state.lastRead;
        } catch (error) {
          // DynamoDB Local answers TrimmedDataAccess for a TRIM_HORIZON iterator taken while the shard
          // was empty, and iterators expire after 15 minutes: take a new one where reading stopped.
          const name = (error as Error).name;
          if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
          state.iterator = await iteratorAfter(shardId, state.lastRead);
        }
      }
      if (state.pending.length > 0 && Date.now() >= state.retryAt) progressed = (await deliver(shardId, state)) || progressed;
      if (!state.iterator && state.pending.length === 0) {
        shards.delete(shardId);
        closed.add(shardId);
        lastDiscovery = 0;
      }
    }
    return progressed;
  }

  const loop = (async () => {
    while (!stopped) {
      let progressed = false;
      try {
        progressed = await pollOnce();
      } catch (error) {
        if (!stopped) log('stream poll failed', { error: String(error) });
      }
      const anyPending = [...shards.values()].some((s) => s.pending.length > 0);
      if (!progressed && !anyPending) {
        // Two quiet cycles after a waiter arrived: the second began reading after the waiter's writes.
        for (const waiter of idleWaiters) waiter.idleCycles += 1;
        for (const waiter of idleWaiters.filter((w) => w.idleCycles >= 2)) waiter.wake();
        idleWaiters = idleWaiters.filter((w) => w.idleCycles < 2);
      }
      if (!progressed) await new Promise((resolve) => setTimeout(resolve, idleDelayMs));
    }
  })();

  return {
    deadLetters,
    idle: () => new Promise<void>((resolve) => idleWaiters.push({ wake: resolve, idleCycles: 0 })),
    async stop() {
      stopped = true;
      await loop;
      for (const waiter of idleWaiters) waiter.wake();
    },
  };
}
