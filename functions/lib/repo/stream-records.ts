// Stream records (Lambda's DynamoDB event shape) to the fold's change records.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChangeRecord, ResponseImage } from '@shared/aggregation/fold';
import type { DynamoDBRecord } from 'aws-lambda';

function image(raw: Record<string, unknown> | undefined): ResponseImage | undefined {
  return raw ? (unmarshall(raw as Record<string, AttributeValue>) as ResponseImage) : undefined;
}

export function changeRecordOf(record: DynamoDBRecord): ChangeRecord {
  const { dynamodb } = record;
  if (!dynamodb?.SequenceNumber) throw new Error(`stream record ${record.eventID} has no sequence number`);
  return { sequenceNumber: dynamodb.SequenceNumber, oldImage: image(dynamodb.OldImage), newImage: image(dynamodb.NewImage) };
}
