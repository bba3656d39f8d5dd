// DynamoDB access for reviewers' duplicate decisions: a pair of responses marked as two households, one item per
// pair in the Reference table (pk `NOTDUP#<round>#<ward>`, sk the pair key), read whole when a ward's likely
// duplicates are listed.
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-pages';
import type { DuplicatesRepo, KeptPair } from './types';

const keptPk = (roundId: string, wardCode: string) => `NOTDUP#${roundId}#${wardCode}`;

export function createDuplicatesRepo(doc: DynamoDBDocumentClient, tableName: string): DuplicatesRepo {
  return {
    async listKept(roundId, wardCode) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keptPk(roundId, wardCode) },
      });
      return items.map(({ pk: _pk, sk, ...rest }) => ({ ...(rest as Omit<KeptPair, 'pair'>), pair: sk as string }));
    },

    async putKept({ pair, ...rest }) {
      await doc.send(new PutCommand({ TableName: tableName, Item: { pk: keptPk(rest.roundId, rest.wardCode), sk: pair, ...rest } }));
    },
  };
}
