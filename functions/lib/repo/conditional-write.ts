// The one place a failed DynamoDB condition becomes a result instead of an exception. Writes ask for the stored
// item on failure (ReturnValuesOnConditionCheckFailure: ALL_OLD), so callers learn what is there without a read.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ConditionalWrite } from './types';

/** What a conditional write sends to get the stored item back when its condition fails. */
export const RETURN_STORED_ON_FAILURE = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

/**
 * Runs a conditional write: `{ ok: true }`, or `{ ok: false, current }` when its condition failed, `current`
 * being the stored item (undefined when there is none). The document client does not unmarshall errors, so the
 * exception's item is unmarshalled here. Any other error is thrown as it came.
 */
export async function conditionalWrite<T>(write: Promise<unknown>, toItem: (raw: Record<string, unknown>) => T): Promise<ConditionalWrite<T>> {
  try {
    await write;
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { ok: false, current: error.Item ? toItem(unmarshall(error.Item)) : undefined };
  }
}
