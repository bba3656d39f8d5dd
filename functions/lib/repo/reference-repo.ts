// DynamoDB access for reference data: areas, rounds and the local identity stand-in's users.
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Area } from '../../../shared/areas/areas';
import type { Round } from '../../../shared/api/contract';
import type { LocalUserRecord, ReferenceRepo } from './types';

const BATCH_WRITE_LIMIT = 25;

async function queryAll(doc: DynamoDBDocumentClient, tableName: string, pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export function createReferenceRepo(doc: DynamoDBDocumentClient, tableName: string): ReferenceRepo {
  return {
    async listAreas() {
      const items = await queryAll(doc, tableName, 'AREA');
      return items.map((item) => strip<Area & { order: number }>(item)).sort((a, b) => a.order - b.order).map(({ order: _order, ...area }) => area);
    },

    async putAreas(areas) {
      const requests = areas.map((area, order) => ({ PutRequest: { Item: { pk: 'AREA', sk: area.code, ...area, order } } }));
      for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
        let pending: typeof requests | undefined = requests.slice(start, start + BATCH_WRITE_LIMIT);
        while (pending && pending.length > 0) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = result.UnprocessedItems?.[tableName] as typeof requests | undefined;
        }
      }
    },

    async listRounds() {
      const items = await queryAll(doc, tableName, 'ROUND');
      return items.map((item) => strip<Round>(item)).sort((a, b) => b.opensAt.localeCompare(a.opensAt));
    },

    async getRound(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'ROUND', sk: id } }));
      return Item ? strip<Round>(Item) : undefined;
    },

    async putRound(round) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'ROUND', sk: round.id, ...round } }));
    },

    async getLocalUser(username) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'USER', sk: username }, ConsistentRead: true }));
      return Item ? strip<LocalUserRecord>(Item) : undefined;
    },

    async putLocalUser(user) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'USER', sk: user.username, ...user } }));
    },
  };
}
