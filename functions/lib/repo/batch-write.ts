// BatchWrite for the repository: DynamoDB takes at most 25 put/delete requests per call and may hand some back
// as UnprocessedItems (throttling), which must be sent again, after a pause, until none are left.
import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit on the requests of one BatchWrite call. */
export const BATCH_WRITE_LIMIT = 25;
/** Calls per chunk (the first and its retries) before giving up on items DynamoDB keeps handing back. */
export const BATCH_WRITE_MAX_ATTEMPTS = 10;

/** One put or delete request of a BatchWrite. */
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface BatchWriteOptions {
  /** Chunks in flight at once; 1 (the default) sends them one after another, in order. */
  concurrency?: number;
}

/** Exponential backoff before retry `attempt` (1, 2, …): 40 ms, 80 ms, … capped at one second. */
export function batchWriteBackoffMs(attempt: number): number {
  return Math.min(1000, 20 * 2 ** attempt);
}

/**
 * Writes every request to `tableName` in BatchWrite calls of at most 25, unconditionally (BatchWrite has no
 * conditions). Unprocessed items of a call are resent with exponential backoff; after
 * `BATCH_WRITE_MAX_ATTEMPTS` calls for one chunk it throws, naming how many requests were left unwritten
 * (the others may have been written).
 */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  { concurrency = 1 }: BatchWriteOptions = {},
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) chunks.push(requests.slice(start, start + BATCH_WRITE_LIMIT));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await writeChunk(doc, tableName, chunks[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), chunks.length) }, worker));
}

async function writeChunk(doc: DynamoDBDocumentClient, tableName: string, chunk: WriteRequest[]): Promise<void> {
  let pending: WriteRequest[] | undefined = chunk;
  for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
    if (attempt >= BATCH_WRITE_MAX_ATTEMPTS) {
      throw new Error(`BatchWrite to ${tableName}: ${pending.length} requests still unprocessed after ${BATCH_WRITE_MAX_ATTEMPTS} attempts`);
    }
    if (attempt > 0) await new Promise((done) => setTimeout(done, batchWriteBackoffMs(attempt)));
    const result: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName];
  }
}
