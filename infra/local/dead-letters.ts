// Replaying stream batches that exhausted their retries. Lambda's on-failure destination (SQS) and the local
// poller's dead-letter list both hold pointers, not records: shard id and first and last sequence number.
// The records are read back from the stream and handed to the same stream handler; the ledger makes that
// safe however late it comes. Stream records live 24 hours: when they are gone, recompute the round(s).
// The command line around this is replay-dead-letters.ts.
import { type _Record, type DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { compareSequenceNumbers } from '../../functions/lib/services/results/fold-records';
import type { StreamHandler } from '../../functions/lib/stream/create-stream-handler';
import { toLambdaRecord } from './stream-poller';

/** Where a failed batch lies in the stream. */
export interface DeadLetterPointer {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  /** Lambda's messages name the stream; the local poller's letters do not (there is one). */
  streamArn?: string;
}

export type ReplayOutcome =
  | { status: 'replayed'; records: number; roundIds: string[] }
  /** Some or all records have left the stream: what was left was replayed; the rest needs a recompute. */
  | { status: 'expired'; records: number; roundIds: string[]; reason: string }
  | { status: 'failed'; records: number; roundIds: string[]; reason: string };

export interface ReplayDeps {
  streams: Pick<DynamoDBStreamsClient, 'send'>;
  handler: StreamHandler;
  /** Used when the pointer names no stream. */
  streamArn?: string;
  batchSize?: number;
  /** Handler attempts per batch before the replay gives up (the message stays for later). */
  attempts?: number;
}

const EMPTY_PAGES_BEFORE_GIVING_UP = 5;

/**
 * The pointer inside an SQS message of Lambda's on-failure destination for a DynamoDB stream
 * (`{"DDBStreamBatchInfo": {"shardId", "startSequenceNumber", "endSequenceNumber", "streamArn", …}, …}`),
 * or a dead letter as the local poller logs it (the same fields at the top level).
 */
export function pointerFromMessage(body: string): DeadLetterPointer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error('not JSON');
  }
  const info = (parsed as { DDBStreamBatchInfo?: Record<string, unknown> })?.DDBStreamBatchInfo ?? (parsed as Record<string, unknown> | null);
  const text = (key: string) => (typeof info?.[key] === 'string' ? (info[key] as string) : undefined);
  const [shardId, startSequenceNumber, endSequenceNumber, streamArn] = ['shardId', 'startSequenceNumber', 'endSequenceNumber', 'streamArn'].map(text);
  if (!shardId || !startSequenceNumber || !endSequenceNumber) throw new Error('no DDBStreamBatchInfo with shardId, startSequenceNumber and endSequenceNumber');
  return { shardId, startSequenceNumber, endSequenceNumber, streamArn };
}

/** Reads the pointer's records; `complete` is false when the stream no longer holds all of them. */
async function readRange(
  streams: ReplayDeps['streams'],
  streamArn: string,
  pointer: DeadLetterPointer,
): Promise<{ records: _Record[]; complete: boolean; reason?: string }> {
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: pointer.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: pointer.startSequenceNumber,
      }),
    ));
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TrimmedDataAccessException' || name === 'ResourceNotFoundException')
      return { records: [], complete: false, reason: `${name}: the records are no longer in the stream` };
    throw error;
  }
  const records: _Record[] = [];
  let emptyPages = 0;
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    for (const record of page.Records ?? []) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
      if (compareSequenceNumbers(sequenceNumber, pointer.endSequenceNumber) > 0) return checked(records, pointer);
      if (compareSequenceNumbers(sequenceNumber, pointer.startSequenceNumber) >= 0) records.push(record);
    }
    if (records.at(-1)?.dynamodb?.SequenceNumber === pointer.endSequenceNumber) return checked(records, pointer);
    emptyPages = page.Records?.length ? 0 : emptyPages + 1;
    if (emptyPages >= EMPTY_PAGES_BEFORE_GIVING_UP) break;
    iterator = page.NextShardIterator;
  }
  return { records, complete: false, reason: 'the shard ended before the last record of the batch' };
}

function checked(records: _Record[], pointer: DeadLetterPointer) {
  const complete = records[0]?.dynamodb?.SequenceNumber === pointer.startSequenceNumber;
  return { records, complete, ...(complete ? {} : { reason: 'the first records of the batch are no longer in the stream' }) };
}

function roundIdsOf(records: readonly _Record[]): string[] {
  const ids = records.map((r) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.roundId?.S).filter((id): id is string => Boolean(id));
  return [...new Set(ids)].sort();
}

/** Reads one failed batch back from the stream and folds it with `handler`, retrying from a failed record. */
export async function replayDeadLetter(pointer: DeadLetterPointer, deps: ReplayDeps): Promise<ReplayOutcome> {
  const streamArn = pointer.streamArn ?? deps.streamArn;
  if (!streamArn) throw new Error('the dead letter names no stream and no default stream ARN was given');
  const { records, complete, reason } = await readRange(deps.streams, streamArn, pointer);
  const roundIds = roundIdsOf(records);
  const events = records.map((record) => toLambdaRecord(record, streamArn));
  const batchSize = deps.batchSize ?? 50;
  const attempts = deps.attempts ?? 3;
  let failures = 0;
  for (let start = 0; start < events.length; ) {
    const batch = events.slice(start, start + batchSize);
    let failedAt: string | undefined;
    try {
      failedAt = (await deps.handler({ Records: batch })).batchItemFailures[0]?.itemIdentifier;
    } catch {
      failedAt = batch[0].dynamodb?.SequenceNumber;
    }
    if (!failedAt) {
      start += batch.length;
      failures = 0;
      continue;
    }
    failures += 1;
    if (failures >= attempts) return { status: 'failed', records: records.length, roundIds, reason: `the handler still fails at record ${failedAt}` };
    // As the event source does: again from the record that did not land.
    start += Math.max(
      0,
      batch.findIndex((record) => record.dynamodb?.SequenceNumber === failedAt),
    );
  }
  if (!complete) return { status: 'expired', records: records.length, roundIds, reason: reason ?? 'records missing' };
  return { status: 'replayed', records: records.length, roundIds };
}

/** The part of SQS the replay needs: tests pass a fake, the CLI an adapter over @aws-sdk/client-sqs. */
export interface DeadLetterQueue {
  receive(): Promise<{ id: string; receiptHandle: string; body: string }[]>;
  remove(receiptHandle: string): Promise<void>;
}

export interface QueueReplayDeps extends ReplayDeps {
  /** Recomputes rounds (all of them when `roundIds` is empty); true when no drift remains. */
  recompute?: (roundIds: string[]) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface MessageReport {
  messageId: string;
  pointer?: DeadLetterPointer;
  outcome?: ReplayOutcome;
  /** Deleted from the queue: replayed, or expired and recomputed without drift left. */
  removed: boolean;
  note?: string;
}

/** Drains the queue once: each message is replayed and deleted on success; kept otherwise. */
export async function replayQueue(queue: DeadLetterQueue, deps: QueueReplayDeps): Promise<MessageReport[]> {
  const log = deps.log ?? (() => {});
  const reports: MessageReport[] = [];
  const seen = new Set<string>();
  for (;;) {
    const fresh = (await queue.receive()).filter((message) => !seen.has(message.id));
    if (fresh.length === 0) return reports;
    for (const message of fresh) {
      seen.add(message.id);
      let pointer: DeadLetterPointer;
      try {
        pointer = pointerFromMessage(message.body);
      } catch (error) {
        reports.push({ messageId: message.id, removed: false, note: `unreadable message kept: ${(error as Error).message}` });
        continue;
      }
      const outcome = await replayDeadLetter(pointer, deps);
      let removed = outcome.status === 'replayed';
      let note: string | undefined;
      if (outcome.status === 'expired') {
        if (deps.recompute) {
          // The missing records may belong to any round: recompute them all.
          removed = await deps.recompute([]);
          note = removed ? 'records expired: every round recomputed, no drift left' : 'records expired: recompute left drift, message kept';
        } else {
          note = 'records expired: run `npm run recompute -- --round <id>` for the open rounds';
        }
      }
      if (removed) await queue.remove(message.receiptHandle);
      log(
        `${message.id} ${pointer.shardId} ${pointer.startSequenceNumber}..${pointer.endSequenceNumber}: ${outcome.status} (${outcome.records} records)${note ? `; ${note}` : ''}`,
      );
      reports.push({ messageId: message.id, pointer, outcome, removed, ...(note ? { note } : {}) });
    }
  }
}
