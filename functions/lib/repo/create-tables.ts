// Creates the three tables as the CDK stateful stack defines them (used by the local runtime and tests).
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { TableNames } from './index';
import { AGGREGATES_TABLE, REFERENCE_TABLE, RESPONSES_TABLE } from './tables';

export async function createTables(client: DynamoDBClient, names: TableNames): Promise<{ responsesStreamArn: string }> {
  const { byRoundWard } = RESPONSES_TABLE;
  await createIfMissing(
    client,
    new CreateTableCommand({
      TableName: names.responses,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: RESPONSES_TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: byRoundWard.partitionKey, AttributeType: 'S' },
        { AttributeName: byRoundWard.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: RESPONSES_TABLE.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: byRoundWard.indexName,
          KeySchema: [
            { AttributeName: byRoundWard.partitionKey, KeyType: 'HASH' },
            { AttributeName: byRoundWard.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  for (const [name, layout] of [
    [names.aggregates, AGGREGATES_TABLE],
    [names.reference, REFERENCE_TABLE],
  ] as const) {
    await createIfMissing(
      client,
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: layout.partitionKey, AttributeType: 'S' },
          { AttributeName: layout.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: layout.partitionKey, KeyType: 'HASH' },
          { AttributeName: layout.sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: names.responses }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${names.responses} has no stream`);
  return { responsesStreamArn: Table.LatestStreamArn };
}

async function createIfMissing(client: DynamoDBClient, command: CreateTableCommand) {
  try {
    await client.send(command);
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
