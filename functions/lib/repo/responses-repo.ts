// DynamoDB access for household responses (the streamed table).
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write';
import { conditionalWrite, RETURN_STORED_ON_FAILURE } from './conditional-write';
import { type ClaimedWriteInput, readClaim, sameClaim, writeWithClaims } from './household-claims';
import { RESPONSES_TABLE } from './tables';
import type { ResponsesPageQuery, ResponsesRepo, ResponseWrite, StoredResponseItem } from './types';

const { byRoundWard } = RESPONSES_TABLE;

/** Index keys: the GSI lists a round's responses per ward, sorted by village then id. */
function withIndexKeys(item: StoredResponseItem) {
  return {
    ...item,
    [byRoundWard.partitionKey]: `${item.roundId}#${item.wardCode}`,
    [byRoundWard.sortKey]: `${item.villageCode}#${item.id}`,
  };
}

function withoutIndexKeys(raw: Record<string, unknown>): StoredResponseItem {
  const { [byRoundWard.partitionKey]: _pk, [byRoundWard.sortKey]: _sk, ...item } = raw;
  return item as unknown as StoredResponseItem;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** Decodes a cursor made by `encodeCursor`; undefined when it is not one. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return key && typeof key === 'object' && !Array.isArray(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `claimsTable` holds the households' claims (the Reference table): a write that takes, moves or releases one is a
 * transaction across both tables; every other write stays one conditional Put. Without it (read-only functions),
 * such a write is refused.
 */
export function createResponsesRepo(doc: DynamoDBDocumentClient, tableName: string, claimsTable?: string): ResponsesRepo {
  const claimed = (input: ClaimedWriteInput): Promise<ResponseWrite> => {
    if (!claimsTable) throw new Error('responses repository built without the claims table cannot write a household claim');
    return writeWithClaims(doc, { responses: tableName, claims: claimsTable }, input, withoutIndexKeys);
  };
  const replacePut = (item: StoredResponseItem, expectedVersion: number) => ({
    TableName: tableName,
    Item: withIndexKeys(item),
    ConditionExpression: '#version = :expected AND attribute_not_exists(deletedAt)',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  });

  const repo: ResponsesRepo = {
    async get(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { id }, ConsistentRead: true }));
      return Item ? withoutIndexKeys(Item) : undefined;
    },

    create(item) {
      if (item.householdCode)
        return claimed({
          put: { TableName: tableName, Item: withIndexKeys(item), ConditionExpression: 'attribute_not_exists(id)' },
          id: item.id,
          take: item,
        });
      return conditionalWrite(
        doc.send(
          new PutCommand({ TableName: tableName, Item: withIndexKeys(item), ConditionExpression: 'attribute_not_exists(id)', ...RETURN_STORED_ON_FAILURE }),
        ),
        withoutIndexKeys,
      );
    },

    // The household's claim moves only when the edit changed the household (or its ward): otherwise one Put.
    replace(item, expectedVersion, previous) {
      if (previous && !sameClaim(previous, item))
        return claimed({ put: replacePut(item, expectedVersion), id: item.id, take: item, release: previous.householdCode ? previous : undefined });
      return conditionalWrite(doc.send(new PutCommand({ ...replacePut(item, expectedVersion), ...RETURN_STORED_ON_FAILURE })), withoutIndexKeys);
    },

    // A tombstone is written under the same condition as an edit, and lets the household's claim go with it.
    markDeleted(tombstone, expectedVersion) {
      if (!tombstone.householdCode) return repo.replace(tombstone, expectedVersion);
      return claimed({ put: replacePut(tombstone, expectedVersion), id: tombstone.id, release: tombstone });
    },

    async claimOf(fields) {
      if (!claimsTable) throw new Error('responses repository built without the claims table');
      return readClaim(doc, claimsTable, fields);
    },

    async listByWard({ roundId, wardCode, villageCode, limit, cursor }: ResponsesPageQuery) {
      const items: StoredResponseItem[] = [];
      let startKey = decodeCursor(cursor);
      // Tombstones are filtered out after the read, so a page may need more than one query to fill.
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: byRoundWard.indexName,
            KeyConditionExpression: villageCode ? '#pk = :pk AND begins_with(#sk, :village)' : '#pk = :pk',
            FilterExpression: 'attribute_not_exists(deletedAt)',
            ExpressionAttributeNames: { '#pk': byRoundWard.partitionKey, ...(villageCode ? { '#sk': byRoundWard.sortKey } : {}) },
            ExpressionAttributeValues: { ':pk': `${roundId}#${wardCode}`, ...(villageCode ? { ':village': `${villageCode}#` } : {}) },
            Limit: limit - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []).map(withoutIndexKeys));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length < limit);
      return { items, cursor: encodeCursor(startKey) };
    },

    // The next page is requested as soon as one arrives, so reading overlaps with the caller's work on the
    // current page (an export writing CSV); at most two pages are held.
    async *listAllInWard(roundId, wardCode, { pageSize, villageCode }: { pageSize?: number; villageCode?: string } = {}) {
      const query = (startKey: Record<string, unknown> | undefined) =>
        doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: byRoundWard.indexName,
            KeyConditionExpression: villageCode ? '#pk = :pk AND begins_with(#sk, :village)' : '#pk = :pk',
            ExpressionAttributeNames: { '#pk': byRoundWard.partitionKey, ...(villageCode ? { '#sk': byRoundWard.sortKey } : {}) },
            ExpressionAttributeValues: { ':pk': `${roundId}#${wardCode}`, ...(villageCode ? { ':village': `${villageCode}#` } : {}) },
            ExclusiveStartKey: startKey,
            Limit: pageSize,
          }),
        );
      let pending: ReturnType<typeof query> | undefined = query(undefined);
      try {
        while (pending) {
          const page: Awaited<ReturnType<typeof query>> = await pending;
          pending = page.LastEvaluatedKey ? query(page.LastEvaluatedKey) : undefined;
          for (const item of page.Items ?? []) yield withoutIndexKeys(item);
        }
      } finally {
        // A caller that stops early leaves a read in flight: its outcome no longer matters.
        pending?.catch(() => undefined);
      }
    },
  };
  return repo;
}

/**
 * Bulk load for benchmarks and fixtures: unconditional BatchWrite of new responses, 25 at a time, several
 * batches in flight, unprocessed items retried. Never used by the API (which needs conditional writes).
 */
export async function batchPutResponses(doc: DynamoDBDocumentClient, tableName: string, items: readonly StoredResponseItem[], concurrency = 8): Promise<void> {
  await batchWriteAll(
    doc,
    tableName,
    items.map((item) => ({ PutRequest: { Item: withIndexKeys(item) } })),
    { concurrency },
  );
}
