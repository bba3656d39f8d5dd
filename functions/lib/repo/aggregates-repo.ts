// DynamoDB access for ward aggregates and the fold ledger (see shared/aggregation/fold.ts).
// Aggregate rows: pk `AGG#<round>`, sk `<ward>#<slot>` (submitted responses, as before review existed) or
// `<ward>#<bucket>#<slot>` (approved, returned, rejected), one counter attribute per tally key.
// Ledger entries: pk `LEDGER#<response id>`, sk `L`: the version and tally currently counted.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Contribution, FoldPlan, LedgerEntry, LedgerUpdate } from '@shared/aggregation/fold';
import type { Tally } from '@shared/indicators/tally';
import type { ReviewBucket } from '@shared/review/review';
import { queryAll } from './query-pages';
import type { AggregateRow, AggregatesRepo } from './types';

/** DynamoDB's limit on the actions of one transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;
const BATCH_GET_LIMIT = 100;
const LEDGER_SK = 'L';
const ROW_FIELDS = new Set(['pk', 'sk', 'roundId', 'wardCode', 'bucket', 'slot', 'rev', 'updatedAt']);

export const aggregatePk = (roundId: string) => `AGG#${roundId}`;
export const aggregateSk = (wardCode: string, slot: number, bucket?: ReviewBucket) => (bucket ? `${wardCode}#${bucket}#${slot}` : `${wardCode}#${slot}`);
export const ledgerPk = (responseId: string) => `LEDGER#${responseId}`;

/** `ADD` of every counter plus a rev bump, as one update expression. */
function addCountersUpdate(tally: Tally, now: string, extra: Record<string, unknown>) {
  const names: Record<string, string> = { '#rev': 'rev', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':one': 1, ':now': now };
  const adds = ['#rev :one'];
  Object.entries(tally).forEach(([key, value], index) => {
    names[`#c${index}`] = key;
    values[`:c${index}`] = value;
    adds.push(`#c${index} :c${index}`);
  });
  const sets = ['#updatedAt = :now'];
  Object.entries(extra).forEach(([key, value], index) => {
    names[`#x${index}`] = key;
    values[`:x${index}`] = value;
    sets.push(`#x${index} = :x${index}`);
  });
  return { UpdateExpression: `ADD ${adds.join(', ')} SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

function ledgerPut(tableName: string, update: LedgerUpdate, now: string) {
  const { next, expectedVersion } = update;
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: ledgerPk(next.responseId),
        sk: LEDGER_SK,
        responseId: next.responseId,
        version: next.version,
        roundId: next.key?.roundId ?? null,
        wardCode: next.key?.wardCode ?? null,
        ...(next.key?.bucket ? { bucket: next.key.bucket } : {}),
        tally: next.tally,
        updatedAt: now,
      },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

function aggregateUpdate(tableName: string, delta: Contribution, slot: number, now: string) {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: aggregatePk(delta.key.roundId), sk: aggregateSk(delta.key.wardCode, slot, delta.key.bucket) },
      ...addCountersUpdate(delta.tally, now, { roundId: delta.key.roundId, wardCode: delta.key.wardCode, ...bucketField(delta.key.bucket), slot }),
    },
  };
}

const bucketField = (bucket: ReviewBucket | undefined) => (bucket ? { bucket } : {});

function toRow(item: Record<string, unknown>): AggregateRow {
  const tally: Tally = {};
  for (const [key, value] of Object.entries(item)) {
    if (!ROW_FIELDS.has(key) && typeof value === 'number' && value !== 0) tally[key] = value;
  }
  return {
    wardCode: String(item.wardCode),
    ...bucketField(item.bucket as ReviewBucket | undefined),
    slot: Number(item.slot),
    tally,
    rev: Number(item.rev ?? 0),
    updatedAt: (item.updatedAt as string) ?? null,
  };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}

export function createAggregatesRepo(doc: DynamoDBDocumentClient, tableName: string): AggregatesRepo {
  /** One transaction; false when a condition failed (nothing was written). */
  const transact = async (actions: TransactWriteCommandInput['TransactItems']): Promise<boolean> => {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: actions }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  return {
    async readLedger(responseIds) {
      const entries = new Map<string, LedgerEntry>();
      const unique = [...new Set(responseIds)];
      for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
        let keys: Record<string, unknown>[] | undefined = unique.slice(start, start + BATCH_GET_LIMIT).map((id) => ({ pk: ledgerPk(id), sk: LEDGER_SK }));
        while (keys && keys.length > 0) {
          const result = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
          for (const item of result.Responses?.[tableName] ?? []) {
            const key = item.roundId
              ? { roundId: item.roundId as string, wardCode: item.wardCode as string, ...bucketField(item.bucket as ReviewBucket | undefined) }
              : null;
            entries.set(item.responseId as string, {
              responseId: item.responseId as string,
              version: item.version as number,
              key,
              tally: (item.tally as Tally) ?? {},
            });
          }
          keys = result.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
        }
      }
      return entries;
    },

    async applyPlan(plan: FoldPlan, slot, now) {
      const actions = [
        ...plan.ledgerUpdates.map((update) => ledgerPut(tableName, update, now)),
        ...plan.deltas.map((delta) => aggregateUpdate(tableName, delta, slot, now)),
      ];
      if (actions.length === 0) return true;
      if (actions.length > MAX_TRANSACTION_ACTIONS) throw new Error(`fold plan of ${actions.length} actions: split it first`);
      return transact(actions);
    },

    async readRoundRows(roundId) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': aggregatePk(roundId) },
        ConsistentRead: true,
      });
      return items.map(toRow);
    },

    async correctWard(roundId, wardCode, correction, rowsRead, slots, now, bucket) {
      const key = (slot: number) => ({ pk: aggregatePk(roundId), sk: aggregateSk(wardCode, slot, bucket) });
      // Every slot must be as it was read (or still absent), or a stream write slipped in between.
      const unchanged = (slot: number) => {
        const row = rowsRead.find((r) => r.slot === slot);
        return row
          ? { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': row.rev } }
          : { ConditionExpression: 'attribute_not_exists(pk)' };
      };
      const update = addCountersUpdate(correction, now, { roundId, wardCode, ...bucketField(bucket), slot: 0 });
      const first = unchanged(0);
      const actions = [
        {
          Update: {
            TableName: tableName,
            Key: key(0),
            UpdateExpression: update.UpdateExpression,
            ConditionExpression: first.ConditionExpression,
            ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...('ExpressionAttributeNames' in first ? first.ExpressionAttributeNames : {}) },
            ExpressionAttributeValues: {
              ...update.ExpressionAttributeValues,
              ...('ExpressionAttributeValues' in first ? first.ExpressionAttributeValues : {}),
            },
          },
        },
        ...Array.from({ length: slots - 1 }, (_, i) => ({ ConditionCheck: { TableName: tableName, Key: key(i + 1), ...unchanged(i + 1) } })),
      ];
      return transact(actions);
    },
  };
}
