// The DynamoDB repository on DynamoDB Local, held to the same contract as the in-memory fake. Each case gets
// fresh tables (cheap on DynamoDB Local), so cases never see each other's items.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { createRepository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { type DynamoDbLocal, LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { describeRepositoryContract } from '../contract/repository-contract';

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let tablesMade = 0;

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
  doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

describeRepositoryContract('DynamoDB on DynamoDB Local', async () => {
  tablesMade += 1;
  const tables = {
    responses: `contract-${tablesMade}-responses`,
    aggregates: `contract-${tablesMade}-aggregates`,
    reference: `contract-${tablesMade}-reference`,
  };
  await createTables(client, tables);
  return createRepository(doc, tables);
});
