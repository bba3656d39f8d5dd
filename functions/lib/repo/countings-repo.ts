// DynamoDB access for each round's counting state (shared/indicators/counting.ts): which indicator lists its
// aggregate generations count. One item per round beside the aggregates (pk `COUNTING#<round>`, sk `C`), so the
// stream function reads it with the grant it already holds. Writes are conditional on the rev read.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CountingState } from '@shared/indicators/counting';
import type { CountingsRepo } from './types';

const countingPk = (roundId: string) => `COUNTING#${roundId}`;
const SK = 'C';

export function createCountingsRepo(doc: DynamoDBDocumentClient, tableName: string): CountingsRepo {
  return {
    async get(roundId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: countingPk(roundId), sk: SK }, ConsistentRead: true }));
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, ...state } = Item;
      return state as CountingState;
    },

    async put(state, expectedRev) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: countingPk(state.roundId), sk: SK, ...state },
            ...(expectedRev === null
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': expectedRev } }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
