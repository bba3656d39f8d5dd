// DynamoDB access for self-report links, kept in the Reference table: pk `LINK#<round>#<village>`, sk the link id.
// One partition per village and round is what the links page lists; a token names all three parts of the key.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LinkRecord, LinksRepo } from './types';

const BATCH_WRITE_LIMIT = 25;

export function linkPartition(roundId: string, villageCode: string): string {
  return `LINK#${roundId}#${villageCode}`;
}

function toRecord(item: Record<string, unknown>): LinkRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as LinkRecord;
}

export function createLinksRepo(doc: DynamoDBDocumentClient, tableName: string): LinksRepo {
  return {
    async putLinks(links) {
      const requests = links.map((link) => ({ PutRequest: { Item: { pk: linkPartition(link.roundId, link.villageCode), sk: link.linkId, ...link } } }));
      for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
        let pending: typeof requests | undefined = requests.slice(start, start + BATCH_WRITE_LIMIT);
        while (pending && pending.length > 0) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = result.UnprocessedItems?.[tableName] as typeof requests | undefined;
        }
      }
    },

    async getLink(roundId, villageCode, linkId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: linkPartition(roundId, villageCode), sk: linkId }, ConsistentRead: true }));
      return Item ? toRecord(Item) : undefined;
    },

    async listLinks(roundId, villageCode) {
      const links: LinkRecord[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': linkPartition(roundId, villageCode) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        links.push(...(page.Items ?? []).map(toRecord));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return links.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.linkId.localeCompare(b.linkId));
    },

    async revokeLink(roundId, villageCode, linkId, revokedAt, revokedBy) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: linkPartition(roundId, villageCode), sk: linkId },
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': revokedAt, ':by': revokedBy },
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
