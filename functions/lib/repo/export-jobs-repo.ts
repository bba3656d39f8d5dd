// DynamoDB access for export jobs, kept in the Reference table: pk `EXPORTJOB#<id>`, sk `JOB`, one item per job
// (a job is only ever read by its id). A round's responses change counter lives in the Aggregates table under
// `EXPORTS#<round>` / `CHANGES`, beside what the stream function already writes (its only table): the stream
// handler adds to it, and raw-responses jobs are keyed by it.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite, RETURN_STORED_ON_FAILURE } from './conditional-write';
import type { ExportJobRecord, ExportJobsRepo } from './types';

const JOB_SK = 'JOB';
const jobKey = (id: string) => ({ pk: `EXPORTJOB#${id}`, sk: JOB_SK });
const changesKey = (roundId: string) => ({ pk: `EXPORTS#${roundId}`, sk: 'CHANGES' });

function toRecord(item: Record<string, unknown>): ExportJobRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as ExportJobRecord;
}

export interface ExportJobsTables {
  /** The Reference table: job records. */
  jobs: string;
  /** The Aggregates table: the responses change counters. */
  changes: string;
}

export function createExportJobsRepo(doc: DynamoDBDocumentClient, tables: ExportJobsTables): ExportJobsRepo {
  const tableName = tables.jobs;
  return {
    async get(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: jobKey(id), ConsistentRead: true }));
      return Item ? toRecord(Item) : undefined;
    },

    create(job) {
      const put = doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...jobKey(job.id), ...job },
          ConditionExpression: 'attribute_not_exists(pk)',
          ...RETURN_STORED_ON_FAILURE,
        }),
      );
      return conditionalWrite(put, toRecord);
    },

    replace(job, seenUpdatedAt) {
      const put = doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...jobKey(job.id), ...job },
          ConditionExpression: '#updatedAt = :seen',
          ExpressionAttributeNames: { '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':seen': seenUpdatedAt },
          ...RETURN_STORED_ON_FAILURE,
        }),
      );
      return conditionalWrite(put, toRecord);
    },

    async update(id, patch) {
      const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: jobKey(id),
          UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
          // Progress of a job that is not there (deleted meanwhile) must not create a headless item.
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    },

    async addResponseChanges(roundId, count) {
      await doc.send(
        new UpdateCommand({
          TableName: tables.changes,
          Key: changesKey(roundId),
          UpdateExpression: 'ADD #changes :count',
          ExpressionAttributeNames: { '#changes': 'changes' },
          ExpressionAttributeValues: { ':count': count },
        }),
      );
    },

    async responseChanges(roundId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tables.changes, Key: changesKey(roundId), ConsistentRead: true }));
      return Number(Item?.changes ?? 0);
    },
  };
}
