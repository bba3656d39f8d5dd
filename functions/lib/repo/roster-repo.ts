// DynamoDB access for household rosters, in the Reference table:
//   pointer  pk ROSTER                          sk <wardCode>                   the ward's current import and counts
//   entry    pk ROSTER#<wardCode>#<importId>    sk <villageCode>#<householdCode>
// Entries are staged under a fresh import id, then every ward's pointer moves in one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RosterEntry, WardRoster } from '../../../shared/roster/roster';
import type { RosterRepo } from './types';

const BATCH_WRITE_LIMIT = 25;
/** Parallel BatchWrite calls while staging; a ward of thousands of households stages in seconds. */
const STAGE_CONCURRENCY = 8;
const POINTER_PK = 'ROSTER';

const entriesPk = (wardCode: string, importId: string) => `ROSTER#${wardCode}#${importId}`;

export function pointerOf(item: Record<string, unknown>): WardRoster {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as WardRoster;
}

async function batchWriteAll(doc: DynamoDBDocumentClient, tableName: string, requests: Record<string, unknown>[]) {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) chunks.push(requests.slice(start, start + BATCH_WRITE_LIMIT));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending: Record<string, unknown>[] | undefined = chunks[next++];
      for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 20 * 2 ** attempt)));
        const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
        pending = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAGE_CONCURRENCY, chunks.length) }, worker));
}

export function createRosterRepo(doc: DynamoDBDocumentClient, tableName: string): RosterRepo {
  const repo: RosterRepo = {
    async listWardRosters() {
      const pointers: WardRoster[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': POINTER_PK }, ExclusiveStartKey: startKey }),
        );
        pointers.push(...(page.Items ?? []).map(pointerOf));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return pointers;
    },

    async getWardRoster(wardCode) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: POINTER_PK, sk: wardCode }, ConsistentRead: true }));
      return Item ? pointerOf(Item) : undefined;
    },

    async listEntries(wardCode, villageCode) {
      const pointer = await repo.getWardRoster(wardCode);
      if (!pointer) return [];
      const entries: RosterEntry[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: villageCode ? 'pk = :pk AND begins_with(sk, :village)' : 'pk = :pk',
            ExpressionAttributeValues: { ':pk': entriesPk(wardCode, pointer.importId), ...(villageCode ? { ':village': `${villageCode}#` } : {}) },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { wardCode: w, villageCode: v, householdCode, headName, address } = item as RosterEntry;
          entries.push({ wardCode: w, villageCode: v, householdCode, headName, address });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return entries;
    },

    async stageEntries(importId, entries) {
      const requests = entries.map((entry) => ({
        PutRequest: { Item: { pk: entriesPk(entry.wardCode, importId), sk: `${entry.villageCode}#${entry.householdCode}`, ...entry } },
      }));
      await batchWriteAll(doc, tableName, requests);
    },

    async publish(next, previous) {
      if (next.length === 0) return true;
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: next.map((pointer) => {
              const before = previous.get(pointer.wardCode) ?? null;
              return {
                Put: {
                  TableName: tableName,
                  Item: { pk: POINTER_PK, sk: pointer.wardCode, ...pointer },
                  ConditionExpression: before === null ? 'attribute_not_exists(pk)' : 'importId = :before',
                  ...(before === null ? {} : { ExpressionAttributeValues: { ':before': before } }),
                },
              };
            }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    async discardImport(wardCode, importId) {
      const pk = entriesPk(wardCode, importId);
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'pk, sk',
            ExclusiveStartKey: startKey,
          }),
        );
        await batchWriteAll(doc, tableName, (page.Items ?? []).map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    },
  };
  return repo;
}
