import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLinksRepo } from '../../functions/lib/repo/links-repo';
import type { LinkRecord } from '../../functions/lib/repo/types';

expect.extend({ toReceiveCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const TABLE = 'phieu-reference';
const ddb = mockClient(DynamoDBDocumentClient);
const repo = createLinksRepo(ddb as unknown as DynamoDBDocumentClient, TABLE);
const link = (linkId: string, createdAt = '2026-11-24T08:00:00.000Z'): LinkRecord => ({
  linkId,
  roundId: 'cds-2024',
  wardCode: '14815',
  villageCode: '14815-khu-pho-1',
  expiresAt: '2027-12-31T16:59:59.000Z',
  createdBy: 'collector-14815',
  createdAt,
});
const PK = 'LINK#cds-2024#14815-khu-pho-1';

beforeEach(() => ddb.reset());

describe('links repository', () => {
  it('writes links in batches of 25 under the village partition, retrying unprocessed items', async () => {
    const links = Array.from({ length: 30 }, (_, i) => link(`id-${String(i).padStart(2, '0')}`));
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: [{ PutRequest: { Item: { pk: PK, sk: 'id-00', ...links[0] } } }] } })
      .resolves({});
    await repo.putLinks(links);
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect(ddb).toReceiveCommandWith(BatchWriteCommand, {
      RequestItems: { [TABLE]: expect.arrayContaining([{ PutRequest: { Item: { pk: PK, sk: 'id-29', ...links[29] } } }]) },
    });
  });

  it('reads one link strongly consistent, without its keys', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: PK, sk: 'abc', ...link('abc') } });
    expect(await repo.getLink('cds-2024', '14815-khu-pho-1', 'abc')).toEqual(link('abc'));
    expect(ddb).toReceiveCommandWith(GetCommand, { TableName: TABLE, Key: { pk: PK, sk: 'abc' }, ConsistentRead: true });
  });

  it("lists every page of a village's links, oldest first", async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: PK, sk: 'b', ...link('b', '2026-11-24T09:00:00.000Z') }], LastEvaluatedKey: { pk: PK, sk: 'b' } })
      .resolves({ Items: [{ pk: PK, sk: 'a', ...link('a') }] });
    expect((await repo.listLinks('cds-2024', '14815-khu-pho-1')).map((l) => l.linkId)).toEqual(['a', 'b']);
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      ExclusiveStartKey: { pk: PK, sk: 'b' },
    });
  });

  it('revokes a link once: false when it is missing or already revoked', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    expect(await repo.revokeLink('cds-2024', '14815-khu-pho-1', 'abc', '2026-11-25T00:00:00.000Z', 'collector-14815')).toBe(true);
    expect(await repo.revokeLink('cds-2024', '14815-khu-pho-1', 'abc', '2026-11-25T00:00:00.000Z', 'collector-14815')).toBe(false);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      Key: { pk: PK, sk: 'abc' },
      UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':at': '2026-11-25T00:00:00.000Z', ':by': 'collector-14815' },
    });
  });

  it("writes a short code's index entry beside its link, naming the link only", async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const coded = { ...link('abc'), codeKid: 'k1d2', codeHash: 'h4sh' };
    await repo.putLinks([coded]);
    expect(ddb).toReceiveCommandWith(BatchWriteCommand, {
      RequestItems: {
        [TABLE]: [
          { PutRequest: { Item: { pk: PK, sk: 'abc', ...coded } } },
          { PutRequest: { Item: { pk: 'LINKCODE#h4sh', sk: 'CODE', roundId: 'cds-2024', villageCode: '14815-khu-pho-1', linkId: 'abc' } } },
        ],
      },
    });
  });

  it('reads a code index entry strongly consistent; undefined when there is none', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { pk: 'LINKCODE#h4sh', sk: 'CODE', roundId: 'cds-2024', villageCode: '14815-khu-pho-1', linkId: 'abc' } })
      .resolves({});
    expect(await repo.getLinkCode('h4sh')).toEqual({ roundId: 'cds-2024', villageCode: '14815-khu-pho-1', linkId: 'abc' });
    expect(await repo.getLinkCode('nope')).toBeUndefined();
    expect(ddb).toReceiveCommandWith(GetCommand, { TableName: TABLE, Key: { pk: 'LINKCODE#h4sh', sk: 'CODE' }, ConsistentRead: true });
  });
});
