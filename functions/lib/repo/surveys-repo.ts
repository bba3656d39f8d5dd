// DynamoDB access for questionnaires: one item per survey version in the Reference table (partition SURVEY,
// sort key `<id>#<version, zero-padded>` so a query lists ids then versions in order). The definition is stored
// as JSON text: a deep condition tree would otherwise meet DynamoDB's nesting limit.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, RETURN_STORED_ON_FAILURE } from './conditional-write';
import { queryAll } from './query-pages';
import type { SurveyRecord, SurveysRepo } from './types';

const PK = 'SURVEY';
const sortKey = (id: string, version: number) => `${id}#${String(version).padStart(6, '0')}`;

function toItem(record: SurveyRecord): Record<string, unknown> {
  const { definition, ...rest } = record;
  return { pk: PK, sk: sortKey(record.id, record.version), ...rest, definitionJson: JSON.stringify(definition) };
}

function fromItem(item: Record<string, unknown>): SurveyRecord {
  const { pk: _pk, sk: _sk, definitionJson, ...rest } = item;
  return { ...(rest as Omit<SurveyRecord, 'definition'>), definition: JSON.parse(String(definitionJson)) };
}

export function createSurveysRepo(doc: DynamoDBDocumentClient, tableName: string): SurveysRepo {
  // DynamoDB refuses an empty begins_with prefix: the whole partition is a plain key condition.
  const query = (prefix?: string) =>
    queryAll(doc, {
      TableName: tableName,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: prefix ? { ':pk': PK, ':prefix': prefix } : { ':pk': PK },
      ConsistentRead: true,
    });
  return {
    async get(id, version) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: PK, sk: sortKey(id, version) }, ConsistentRead: true }));
      return Item ? fromItem(Item) : undefined;
    },

    async list() {
      return (await query()).map(fromItem);
    },

    async listVersions(id) {
      return (await query(`${id}#`)).map(fromItem);
    },

    putDraft(record) {
      const write = doc.send(
        new PutCommand({
          TableName: tableName,
          Item: toItem({ ...record, status: 'draft' }),
          ConditionExpression: 'attribute_not_exists(sk) OR #status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft' },
          ...RETURN_STORED_ON_FAILURE,
        }),
      );
      return conditionalWrite(write, fromItem);
    },

    publish(id, version, publishedAt, publishedBy) {
      const write = doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: PK, sk: sortKey(id, version) },
          UpdateExpression: 'SET #status = :published, publishedAt = :at, publishedBy = :by',
          ConditionExpression: '#status = :draft',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':published': 'published', ':draft': 'draft', ':at': publishedAt, ':by': publishedBy },
          ...RETURN_STORED_ON_FAILURE,
        }),
      );
      return conditionalWrite(write, fromItem);
    },
  };
}
