import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createResponsesRepo, decodeCursor, encodeCursor } from '../../functions/lib/repo/responses-repo';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { responseBody } from '../support/fixtures';

expect.extend({ toReceiveCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const TABLE = 'phieu-responses';
const ddb = mockClient(DynamoDBDocumentClient);
const repo = createResponsesRepo(ddb as unknown as DynamoDBDocumentClient, TABLE);
const item: StoredResponseItem = {
  id: '0b6f3c1e-5a7d-4e8f-9a0b-1c2d3e4f5a6b',
  ...responseBody(),
  version: 2,
  referenceYear: 2024,
  channel: 'collector',
  bodyHash: 'h',
  createdBy: 'collector-14815',
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedBy: 'collector-14815',
  updatedAt: '2026-11-24T08:00:00.000Z',
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('responses repository', () => {
  it('creates only when the id is new, with the index keys of ward and village', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await repo.create(item)).toEqual({ ok: true });
    expect(ddb).toReceiveCommandWith(PutCommand, {
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(id)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      Item: { ...item, roundWard: 'cds-2024#14815', villageSort: `14815-khu-pho-1#${item.id}` },
    });
  });

  it('reports an existing id as a refused write instead of throwing', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    expect(await repo.create(item)).toEqual({ ok: false, current: undefined });
  });

  it('returns the stored item a failed condition sent back, without the index keys', async () => {
    ddb.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'failed',
        $metadata: {},
        Item: marshall({ ...item, roundWard: 'x', villageSort: 'y' }, { removeUndefinedValues: true }),
      }),
    );
    expect(await repo.create(item)).toEqual({ ok: false, current: item });
  });

  it('replaces only at the expected version of a live response', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await repo.replace(item, 1)).toEqual({ ok: true });
    expect(ddb).toReceiveCommandWith(PutCommand, {
      ConditionExpression: '#version = :expected AND attribute_not_exists(deletedAt)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 1 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    ddb.on(PutCommand).rejects(conditionFailed());
    expect(await repo.replace(item, 1)).toEqual({ ok: false, current: undefined });
  });

  it('reads strongly consistent and strips the index keys', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...item, roundWard: 'x', villageSort: 'y' } });
    expect(await repo.get(item.id)).toEqual(item);
    expect(ddb).toReceiveCommandWith(GetCommand, { TableName: TABLE, Key: { id: item.id }, ConsistentRead: true });
  });

  it('lists a village through the index, without tombstones, and pages on', async () => {
    const lastKey = { id: item.id, roundWard: 'cds-2024#14815', villageSort: 'v' };
    ddb.on(QueryCommand).resolvesOnce({ Items: [item], LastEvaluatedKey: lastKey });
    const page = await repo.listByWard({ roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1', limit: 1 });
    expect(page.items).toEqual([item]);
    expect(decodeCursor(page.cursor)).toEqual(lastKey);
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      IndexName: 'byRoundWard',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :village)',
      FilterExpression: 'attribute_not_exists(deletedAt)',
      ExpressionAttributeValues: { ':pk': 'cds-2024#14815', ':village': '14815-khu-pho-1#' },
      Limit: 1,
    });
  });

  it('decodes only cursors it made', () => {
    expect(decodeCursor(encodeCursor({ a: 1 }))).toEqual({ a: 1 });
    expect(decodeCursor('not-json')).toBeUndefined();
    expect(decodeCursor(Buffer.from('[1]').toString('base64url'))).toBeUndefined();
  });
});
