// DynamoDB access for self-report links, kept in the Reference table: pk `LINK#<round>#<village>`, sk the link id.
// One partition per village and round is what the links page lists; a token names all three parts of the key.
// A short code's index entry sits in its own item, pk `LINKCODE#<hmac of the code>`, naming the link's key.
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write';
import { conditionalWrite } from './conditional-write';
import { queryAll } from './query-pages';
import type { LinkRecord, LinksRepo } from './types';

export function linkPartition(roundId: string, villageCode: string): string {
  return `LINK#${roundId}#${villageCode}`;
}

export function linkCodePartition(codeHash: string): string {
  return `LINKCODE#${codeHash}`;
}
const CODE_SK = 'CODE';

function toRecord(item: Record<string, unknown>): LinkRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as LinkRecord;
}

export function createLinksRepo(doc: DynamoDBDocumentClient, tableName: string): LinksRepo {
  return {
    async putLinks(links) {
      const requests = links.flatMap((link) => [
        { PutRequest: { Item: { pk: linkPartition(link.roundId, link.villageCode), sk: link.linkId, ...link } } },
        ...(link.codeHash
          ? [
              {
                PutRequest: {
                  Item: { pk: linkCodePartition(link.codeHash), sk: CODE_SK, roundId: link.roundId, villageCode: link.villageCode, linkId: link.linkId },
                },
              },
            ]
          : []),
      ]);
      await batchWriteAll(doc, tableName, requests);
    },

    async getLink(roundId, villageCode, linkId) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: linkPartition(roundId, villageCode), sk: linkId }, ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    async listLinks(roundId, villageCode) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': linkPartition(roundId, villageCode) },
        ConsistentRead: true,
      });
      return items.map(toRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.linkId.localeCompare(b.linkId));
    },

    async revokeLink(roundId, villageCode, linkId, revokedAt, revokedBy) {
      const written = await conditionalWrite(
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: linkPartition(roundId, villageCode), sk: linkId },
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': revokedAt, ':by': revokedBy },
          }),
        ),
        toRecord,
      );
      return written.ok;
    },

    async getLinkCode(codeHash) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: linkCodePartition(codeHash), sk: CODE_SK }, ConsistentRead: true }));
      if (!Item) return undefined;
      return { roundId: String(Item.roundId), villageCode: String(Item.villageCode), linkId: String(Item.linkId) };
    },
  };
}
