// DynamoDB access for area sets, in the Reference table: one meta item per set (partition AREASET), its units
// under AREASET#<id> and each mapping under AREASET#<id>#MAP#<older id>. The meta item is written last and only
// if the id is free, so a set becomes visible whole or not at all (a failed import leaves unseen items only).
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AreaSetMeta, MappingLink } from '@shared/areas/area-set';
import type { Area } from '@shared/areas/areas';
import { batchWriteAll } from './batch-write';
import { conditionalWrite } from './conditional-write';
import { queryAll } from './query-pages';
import type { AreaSetsRepo } from './types';

const META = 'AREASET';
const unitsPk = (id: string) => `AREASET#${id}`;
const mappingPk = (id: string, fromSetId: string) => `AREASET#${id}#MAP#${fromSetId}`;

interface MetaItem extends AreaSetMeta {
  mappingsFrom: string[];
}

function queryPartition(doc: DynamoDBDocumentClient, tableName: string, pk: string) {
  return queryAll(doc, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
}

function metaOf(item: Record<string, unknown>): AreaSetMeta & { mappingsFrom: string[] } {
  const { id, name, effectiveFrom, effectiveTo, levels, mappingsFrom } = item as unknown as MetaItem;
  return { id, name, effectiveFrom, effectiveTo: effectiveTo ?? null, levels, mappingsFrom: mappingsFrom ?? [] };
}

/** Orders survive a round trip: units and links come back in the order they were put. */
function ordered<T>(items: Record<string, unknown>[]): T[] {
  return items.sort((a, b) => (a.order as number) - (b.order as number)).map(({ pk: _pk, sk: _sk, order: _order, ...rest }) => rest as T);
}

export function createAreaSetsRepo(doc: DynamoDBDocumentClient, tableName: string): AreaSetsRepo {
  return {
    async list() {
      const items = await queryPartition(doc, tableName, META);
      return items.map((item) => strip(metaOf(item))).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    },

    async get(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: META, sk: id } }));
      return Item ? strip(metaOf(Item)) : undefined;
    },

    async listUnits(id) {
      return ordered<Area>(await queryPartition(doc, tableName, unitsPk(id)));
    },

    async getMapping(id, fromSetId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: META, sk: id } }));
      if (!Item || !metaOf(Item).mappingsFrom.includes(fromSetId)) return undefined;
      return ordered<MappingLink>(await queryPartition(doc, tableName, mappingPk(id, fromSetId)));
    },

    async put(set) {
      const { units, mappings, ...meta } = set;
      const requests = [
        ...units.map((unit, order) => ({ PutRequest: { Item: { pk: unitsPk(set.id), sk: unit.code, ...unit, order } } })),
        ...mappings.flatMap((mapping) =>
          mapping.links.map((link, order) => ({
            PutRequest: { Item: { pk: mappingPk(set.id, mapping.fromSetId), sk: `${link.from}>${link.to}`, ...link, order } },
          })),
        ),
      ];
      await batchWriteAll(doc, tableName, requests, { concurrency: 4 });
      const item = { pk: META, sk: set.id, ...meta, mappingsFrom: mappings.map((m) => m.fromSetId) };
      const result = await conditionalWrite(
        doc.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
        (raw) => raw,
      );
      return result.ok;
    },
  };
}

function strip({ mappingsFrom: _m, ...meta }: AreaSetMeta & { mappingsFrom: string[] }): AreaSetMeta {
  return meta;
}
