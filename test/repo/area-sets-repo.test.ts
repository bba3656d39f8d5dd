import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type CustomMatcher, toReceiveCommandWith } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAreaSetsRepo } from '../../functions/lib/repo/area-sets-repo';

expect.extend({ toReceiveCommandWith });
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatcher<T> {}
}

const TABLE = 'phieu-reference';
const ddb = mockClient(DynamoDBDocumentClient);
const repo = createAreaSetsRepo(ddb as unknown as DynamoDBDocumentClient, TABLE);
const village = (code: string, order: number) => ({ pk: 'AREASET#tinh#P#W1', sk: code, code, name: code, level: 'village', parentCode: 'W1', order });

beforeEach(() => ddb.reset());

describe('area sets repository', () => {
  it("reads a ward's villages with one Query of its parent partition, in set order, and nothing else", async () => {
    ddb.on(QueryCommand).resolves({ Items: [village('W1V2', 7), village('W1V1', 3)] });
    const children = await repo.listChildren('tinh', 'W1');
    expect(children.map((c) => c.code)).toEqual(['W1V1', 'W1V2']);
    expect(children[0]).toEqual({ code: 'W1V1', name: 'W1V1', level: 'village', parentCode: 'W1' });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'AREASET#tinh#P#W1' },
    });
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('reads the wards from their level partition once the set is stored with it', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'AREASET', sk: 'tinh', unitIndex: 1 } });
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repo.listLevel('tinh', 'ward');
    expect(ddb).toReceiveCommandWith(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AREASET#tinh#L#ward' } });
  });

  it('filters the whole set for a set stored before the parent partitions existed', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'AREASET', sk: 'old' } });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AREASET#old' } })
      .resolves({
        Items: [
          { ...village('W1V1', 0), pk: 'AREASET#old' },
          { pk: 'AREASET#old', sk: 'W2', code: 'W2', name: 'W2', level: 'ward', parentCode: 'T', order: 1 },
        ],
      })
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'AREASET#old#P#W1' } })
      .resolves({ Items: [] });
    expect((await repo.listChildren('old', 'W1')).map((c) => c.code)).toEqual(['W1V1']);
  });
});
