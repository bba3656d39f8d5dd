// DynamoDB access for session cut-offs, kept in the Reference table: pk `SESSIONS`, sk the username, `validAfter`
// the instant before which that user's tokens no longer count (set when an admin signs the user out).
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionsRepo } from './types';

export function createSessionsRepo(doc: DynamoDBDocumentClient, tableName: string): SessionsRepo {
  return {
    async getValidAfter(username) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'SESSIONS', sk: username }, ConsistentRead: true }));
      return typeof Item?.validAfter === 'string' ? Item.validAfter : undefined;
    },
    async setValidAfter(username, validAfter) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'SESSIONS', sk: username, validAfter } }));
    },
  };
}
