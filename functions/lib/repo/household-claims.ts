// One household, one response: the claim items that make it so. A response with a roster householdCode owns the
// item CLAIM#<round>#<ward> / <householdCode> in the Reference table, written in the same transaction as the
// response itself, so two uploads of one household can never both land (no read-then-write).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ClaimFields, ResponseWrite, StoredResponseItem } from './types';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type PutInput = NonNullable<TransactItem['Put']>;

/** The claim item's key, or undefined for a response without a roster household. */
export function claimKey(fields: ClaimFields | undefined): { pk: string; sk: string } | undefined {
  if (!fields?.householdCode) return undefined;
  return { pk: `CLAIM#${fields.roundId}#${fields.wardCode}`, sk: fields.householdCode };
}

/** Whether two responses name the same claim (both none counts as the same). */
export function sameClaim(a: ClaimFields | undefined, b: ClaimFields | undefined): boolean {
  return claimKey(a)?.pk === claimKey(b)?.pk && claimKey(a)?.sk === claimKey(b)?.sk;
}

/** Held by nobody, or by this response already (a replay): the only states in which a claim may be taken or released. */
const FREE_OR_OURS = 'attribute_not_exists(pk) OR responseId = :id';

/** Transactions two uploads of one household run at once may cancel each other: each is tried again, briefly. */
const ATTEMPTS = 4;

export interface ClaimedWriteInput {
  /** The response's own conditional Put. */
  put: PutInput;
  id: string;
  /** The claim to take (the response's household after the write). */
  take?: ClaimFields;
  /** The claim to let go (the household it named before), when it differs. */
  release?: ClaimFields;
}

/**
 * Writes a response and moves its claim in one transaction. Refused: with the stored response when the response's
 * own condition failed, or with `claimedBy` when another response holds the household. A release that finds the
 * claim held by another response (a household recorded twice before claims existed) is left out, not refused.
 */
export async function writeWithClaims(
  doc: DynamoDBDocumentClient,
  tables: { responses: string; claims: string },
  { put, id, take, release }: ClaimedWriteInput,
  toItem: (raw: Record<string, unknown>) => StoredResponseItem,
): Promise<ResponseWrite> {
  const takeKey = claimKey(take);
  let releaseKey = claimKey(release);
  for (let attempt = 1; ; attempt++) {
    const items: TransactItem[] = [{ Put: { ...put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } }];
    const values = { ':id': id };
    if (releaseKey) items.push({ Delete: { TableName: tables.claims, Key: releaseKey, ConditionExpression: FREE_OR_OURS, ExpressionAttributeValues: values } });
    if (takeKey) {
      const { roundId, wardCode, householdCode } = take as ClaimFields;
      items.push({
        Put: {
          TableName: tables.claims,
          Item: { ...takeKey, responseId: id, roundId, wardCode, householdCode },
          ConditionExpression: FREE_OR_OURS,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      if (failed(0)) {
        const stored = reasons[0].Item;
        if (stored) return { ok: false, current: toItem(unmarshall(stored as Record<string, AttributeValue>)) };
        const { Item } = await doc.send(new GetCommand({ TableName: tables.responses, Key: { id }, ConsistentRead: true }));
        return { ok: false, current: Item ? toItem(Item) : undefined };
      }
      const takeIndex = releaseKey ? 2 : 1;
      if (takeKey && failed(takeIndex)) {
        const held = reasons[takeIndex].Item;
        const claimedBy = held
          ? (unmarshall(held as Record<string, AttributeValue>).responseId as string)
          : ((await doc.send(new GetCommand({ TableName: tables.claims, Key: takeKey, ConsistentRead: true }))).Item?.responseId as string | undefined);
        // Released between the failed write and the read: the household is free again, so try once more.
        if (claimedBy && attempt < ATTEMPTS) return { ok: false, current: undefined, claimedBy };
        if (attempt >= ATTEMPTS) throw error;
        continue;
      }
      if (releaseKey && failed(1)) {
        releaseKey = undefined;
        continue;
      }
      if (attempt >= ATTEMPTS || !reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

/** The response a household's claim names, if any. */
export async function readClaim(doc: DynamoDBDocumentClient, claimsTable: string, fields: ClaimFields): Promise<string | undefined> {
  const key = claimKey(fields);
  if (!key) return undefined;
  const { Item } = await doc.send(new GetCommand({ TableName: claimsTable, Key: key, ConsistentRead: true }));
  return Item?.responseId as string | undefined;
}
