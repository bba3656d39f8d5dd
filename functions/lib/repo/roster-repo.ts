// DynamoDB access for household rosters, in the Reference table, per area set (a ward code means something only
// within its set). The installation's own set (bim-son-2020) keeps the keys rosters had before sets existed, so
// stored rosters stay valid without a migration; every other set has its own pointer partition and entry keys:
//   pointer  pk ROSTER                                   sk <wardCode>   the ward's current import and counts
//   entry    pk ROSTER#<wardCode>#<importId>             sk <villageCode>#<householdCode>
//   pointer  pk ROSTER@<setId>                           sk <wardCode>   (carries areaSetId)
//   entry    pk ROSTER@<setId>#<wardCode>#<importId>     sk <villageCode>#<householdCode>
// `@` never occurs in a set id or ward code (codes are [A-Za-z0-9._-]), so no set's keys meet another's.
// Entries are staged under a fresh import id, then every ward's pointer moves in one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterEntry, WardRoster } from '@shared/roster/roster';
import { isLegacyRosterSet, rosterSetOf } from '@shared/roster/roster-set';
import { batchWriteAll } from './batch-write';
import { queryAll, queryPages } from './query-pages';
import type { RosterRepo } from './types';

/** Parallel BatchWrite calls while staging or discarding; a ward of thousands of households stages in seconds. */
const STAGE_CONCURRENCY = 8;
const pointerPk = (areaSetId?: string) => (isLegacyRosterSet(areaSetId) ? 'ROSTER' : `ROSTER@${rosterSetOf(areaSetId)}`);

const entriesPk = (wardCode: string, importId: string, areaSetId?: string) => `${pointerPk(areaSetId)}#${wardCode}#${importId}`;

/** What a pointer item stores: the set's id on pointers of any set but the installation's (theirs never had one). */
const storedPointer = (pointer: WardRoster, areaSetId?: string): WardRoster => {
  const { areaSetId: _given, ...rest } = pointer;
  return isLegacyRosterSet(areaSetId) ? rest : { ...rest, areaSetId: rosterSetOf(areaSetId) };
};

export function pointerOf(item: Record<string, unknown>): WardRoster {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as WardRoster;
}

export function createRosterRepo(doc: DynamoDBDocumentClient, tableName: string): RosterRepo {
  const repo: RosterRepo = {
    async listWardRosters(areaSetId) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pointerPk(areaSetId) },
      });
      return items.map(pointerOf);
    },

    async getWardRoster(wardCode, areaSetId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: pointerPk(areaSetId), sk: wardCode }, ConsistentRead: true }));
      return Item ? pointerOf(Item) : undefined;
    },

    async listEntries(pointer, villageCode) {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: villageCode ? 'pk = :pk AND begins_with(sk, :village)' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': entriesPk(pointer.wardCode, pointer.importId, pointer.areaSetId),
          ...(villageCode ? { ':village': `${villageCode}#` } : {}),
        },
      });
      return items.map((item): RosterEntry => {
        const { wardCode: w, villageCode: v, householdCode, headName, address } = item as RosterEntry;
        return { wardCode: w, villageCode: v, householdCode, headName, address };
      });
    },

    async stageEntries(importId, entries, areaSetId) {
      const requests = entries.map((entry) => ({
        PutRequest: { Item: { pk: entriesPk(entry.wardCode, importId, areaSetId), sk: `${entry.villageCode}#${entry.householdCode}`, ...entry } },
      }));
      await batchWriteAll(doc, tableName, requests, { concurrency: STAGE_CONCURRENCY });
    },

    async publish(next, previous, areaSetId) {
      if (next.length === 0) return true;
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: next.map((pointer) => {
              const before = previous.get(pointer.wardCode) ?? null;
              return {
                Put: {
                  TableName: tableName,
                  Item: { pk: pointerPk(areaSetId), sk: pointer.wardCode, ...storedPointer(pointer, areaSetId) },
                  ConditionExpression: before === null ? 'attribute_not_exists(pk)' : 'importId = :before',
                  ...(before === null ? {} : { ExpressionAttributeValues: { ':before': before } }),
                },
              };
            }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    async discardImport(wardCode, importId, areaSetId) {
      // Page by page: each page's keys are deleted before the next is read, so memory stays at one page.
      const pages = queryPages(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': entriesPk(wardCode, importId, areaSetId) },
        ProjectionExpression: 'pk, sk',
      });
      for await (const keys of pages) {
        await batchWriteAll(
          doc,
          tableName,
          keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
          { concurrency: STAGE_CONCURRENCY },
        );
      }
    },
  };
  return repo;
}
