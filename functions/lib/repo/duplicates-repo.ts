// DynamoDB access for reviewers' duplicate decisions: a pair of responses marked as two households, one item per
// pair in the Reference table (pk `NOTDUP#<round>#<ward>`, sk the pair key), read whole when a ward's likely
// duplicates are listed.
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DuplicatesRepo, KeptPair } from './types';

const keptPk = (roundId: string, wardCode: string) => `NOTDUP#${roundId}#${wardCode}`;

export function createDuplicatesRepo(doc: DynamoDBDocumentClient, tableName: string): DuplicatesRepo {
  return {
    async listKept(roundId, wardCode) {
      const pairs: KeptPair[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keptPk(roundId, wardCode) },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const { pk: _pk, sk, ...rest } of page.Items ?? []) pairs.push({ ...(rest as Omit<KeptPair, 'pair'>), pair: sk as string });
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return pairs;
    },

    async putKept({ pair, ...rest }) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: keptPk(rest.roundId, rest.wardCode), sk: pair, ...rest } }));
    },
  };
}
