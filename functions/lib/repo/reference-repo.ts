// DynamoDB access for reference data: areas, rounds and the local identity stand-in's users.
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Area } from '@shared/areas/areas';
import type { StoredRound as Round } from '@shared/rounds/round';
import { batchWriteAll } from './batch-write';
import { queryAll } from './query-pages';
import type { LocalUserRecord, ReferenceRepo } from './types';

/** Every item of one partition of the Reference table. */
function queryPartition(doc: DynamoDBDocumentClient, tableName: string, pk: string) {
  return queryAll(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export function createReferenceRepo(doc: DynamoDBDocumentClient, tableName: string): ReferenceRepo {
  return {
    async listAreas() {
      const items = await queryPartition(doc, tableName, 'AREA');
      return items
        .map((item) => strip<Area & { order: number }>(item))
        .sort((a, b) => a.order - b.order)
        .map(({ order: _order, ...area }) => area);
    },

    async putAreas(areas) {
      const requests = areas.map((area, order) => ({ PutRequest: { Item: { pk: 'AREA', sk: area.code, ...area, order } } }));
      await batchWriteAll(doc, tableName, requests);
    },

    async listRounds() {
      const items = await queryPartition(doc, tableName, 'ROUND');
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

    async deleteLocalUser(username) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'USER', sk: username } }));
    },
  };
}
