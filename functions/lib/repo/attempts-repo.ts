// DynamoDB access for failed sign-in attempts, kept in the Reference table: pk `ATTEMPTS#<key>`, sk `COUNT`. The
// counts live in the store, not in a process, so every Lambda container (and every local restart) sees the same
// ones. Items carry a TTL (`ttl`, epoch seconds) so DynamoDB drops them after the window; a read ignores an item
// whose TTL has passed but which DynamoDB has not deleted yet.
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REFERENCE_TABLE } from './tables';
import type { AttemptsRepo, FailedAttempts } from './types';

const TTL_ATTRIBUTE = REFERENCE_TABLE.ttlAttribute;
const SK = 'COUNT';

function partition(key: string): string {
  return `ATTEMPTS#${key}`;
}

function live(item: Record<string, unknown> | undefined, now: Date): FailedAttempts | undefined {
  if (!item || Number(item[TTL_ATTRIBUTE]) * 1000 <= now.getTime()) return undefined;
  return { failures: Number(item.failures), lastFailureAt: String(item.lastFailureAt) };
}

export function createAttemptsRepo(doc: DynamoDBDocumentClient, tableName: string): AttemptsRepo {
  return {
    async get(key, now) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: partition(key), sk: SK }, ConsistentRead: true }));
      return live(Item, now);
    },

    async recordFailure(key, now, forgetAfterSeconds) {
      const ttl = Math.ceil(now.getTime() / 1000) + forgetAfterSeconds;
      // An expired item still stored starts again from one; otherwise one more, atomically (no lost counts).
      const { Attributes } = await doc
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: partition(key), sk: SK },
            UpdateExpression: 'SET failures = if_not_exists(failures, :zero) + :one, lastFailureAt = :at, #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#ttl) OR #ttl > :now',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':at': now.toISOString(), ':ttl': ttl, ':now': Math.floor(now.getTime() / 1000) },
            ReturnValues: 'ALL_NEW',
          }),
        )
        .catch(async (error: unknown) => {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: partition(key), sk: SK },
              UpdateExpression: 'SET failures = :one, lastFailureAt = :at, #ttl = :ttl',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':one': 1, ':at': now.toISOString(), ':ttl': ttl },
            }),
          );
          return { Attributes: { failures: 1, lastFailureAt: now.toISOString(), [TTL_ATTRIBUTE]: ttl } };
        });
      return live(Attributes, now) ?? { failures: 1, lastFailureAt: now.toISOString() };
    },

    async clear(key) {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: partition(key), sk: SK } }));
    },
  };
}
