// DynamoDB access for responses' history: append-only items beside the aggregates (pk `HIST#<responseId>`, sk the
// zero-padded version), written by the stream handler from each record's two images. Every put is conditional on
// the item being new, so a replayed stream record appends nothing twice.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-pages';
import type { HistoryRepo, StoredHistoryEntry } from './types';

const historyPk = (responseId: string) => `HIST#${responseId}`;

export function createHistoryRepo(doc: DynamoDBDocumentClient, tableName: string): HistoryRepo {
  return {
    async append(entries) {
      await Promise.all(
        entries.map(async ({ key, ...entry }) => {
          try {
            await doc.send(
              new PutCommand({
                TableName: tableName,
                Item: { pk: historyPk(entry.responseId), sk: key, ...entry },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            );
          } catch (error) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }
        }),
      );
    },

    async list(responseId) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': historyPk(responseId) },
        ConsistentRead: true,
      });
      return items.map(({ pk: _pk, sk, ...entry }) => ({ ...(entry as Omit<StoredHistoryEntry, 'key'>), key: sk as string }));
    },
  };
}
