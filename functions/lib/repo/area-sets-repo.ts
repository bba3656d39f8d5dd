// DynamoDB access for area sets, in the Reference table: one meta item per set (partition AREASET), its units
// under AREASET#<id> and each mapping under AREASET#<id>#MAP#<older id>. Each unit is also stored under its
// parent (AREASET#<id>#P#<parent>) and, above the village level, under its level (AREASET#<id>#L#<level>), so a
// ward's villages or a province's wards are one Query, never a read of the whole set. The meta item is written
// last and only if the id is free, so a set becomes visible whole or not at all (a failed import leaves unseen
// items only).
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
const parentPk = (id: string, parentCode: string) => `AREASET#${id}#P#${parentCode}`;
const levelPk = (id: string, level: string) => `AREASET#${id}#L#${level}`;
/** Sets stored with the parent and level partitions carry this in their meta item; older ones are filtered. */
const UNIT_INDEX = 1;

interface MetaItem extends AreaSetMeta {
  mappingsFrom: string[];
  unitIndex?: number;
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
  /** Whether the set was stored with its parent and level partitions (sets stored before them were not). */
  async function indexed(id: string): Promise<boolean> {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: META, sk: id } }));
    return (Item as MetaItem | undefined)?.unitIndex === UNIT_INDEX;
  }
  const listUnits = async (id: string) => ordered<Area>(await queryPartition(doc, tableName, unitsPk(id)));
  return {
    async list() {
      const items = await queryPartition(doc, tableName, META);
      return items.map((item) => strip(metaOf(item))).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    },

    async get(id) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: META, sk: id } }));
      return Item ? strip(metaOf(Item)) : undefined;
    },

    listUnits,

    async listChildren(id, parentCode) {
      const children = ordered<Area>(await queryPartition(doc, tableName, parentPk(id, parentCode)));
      if (children.length > 0 || (await indexed(id))) return children;
      return (await listUnits(id)).filter((unit) => unit.parentCode === parentCode);
    },

    async listLevel(id, level) {
      // Villages are not stored by level (a province's villages are what per-parent reads avoid): filter the set.
      if (level !== 'village' && (await indexed(id))) return ordered<Area>(await queryPartition(doc, tableName, levelPk(id, level)));
      return (await listUnits(id)).filter((unit) => unit.level === level);
    },

    async getMapping(id, fromSetId) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: META, sk: id } }));
      if (!Item || !metaOf(Item).mappingsFrom.includes(fromSetId)) return undefined;
      return ordered<MappingLink>(await queryPartition(doc, tableName, mappingPk(id, fromSetId)));
    },

    async put(set) {
      const { units, mappings, ...meta } = set;
      const requests = [
        ...units.flatMap((unit, order) => [
          { PutRequest: { Item: { pk: unitsPk(set.id), sk: unit.code, ...unit, order } } },
          ...(unit.parentCode === null ? [] : [{ PutRequest: { Item: { pk: parentPk(set.id, unit.parentCode), sk: unit.code, ...unit, order } } }]),
          ...(unit.level === 'village' ? [] : [{ PutRequest: { Item: { pk: levelPk(set.id, unit.level), sk: unit.code, ...unit, order } } }]),
        ]),
        ...mappings.flatMap((mapping) =>
          mapping.links.map((link, order) => ({
            PutRequest: { Item: { pk: mappingPk(set.id, mapping.fromSetId), sk: `${link.from}>${link.to}`, ...link, order } },
          })),
        ),
      ];
      await batchWriteAll(doc, tableName, requests, { concurrency: 4 });
      const item = { pk: META, sk: set.id, ...meta, mappingsFrom: mappings.map((m) => m.fromSetId), unitIndex: UNIT_INDEX };
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
