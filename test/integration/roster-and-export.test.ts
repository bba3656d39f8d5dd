// The roster repository and the raw export against DynamoDB Local: staged roster entries stay invisible until
// the pointer switch, a lost switch writes nothing, replaced entries can be deleted; the export pages through
// every ward (small pages, with read-ahead) and yields exactly one row per member / household, live ones only.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AreaTree } from '@shared/areas/areas';
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { type RosterEntry, wardRostersOf } from '@shared/roster/roster';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository, type Repository } from '../../functions/lib/repo';
import { createTables } from '../../functions/lib/repo/create-tables';
import { batchPutResponses } from '../../functions/lib/repo/responses-repo';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { seedReferenceData } from '../../functions/lib/seed/reference-data';
import { responsesCsvStream } from '../../functions/lib/services/exports/responses-csv';
import { type DynamoDbLocal, LOCAL_AWS, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { adult, child, responseBody } from '../support/fixtures';

const TABLES = { responses: 'it-responses', aggregates: 'it-aggregates', reference: 'it-reference' };
let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let repo: Repository;

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: ddb.endpoint });
  doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  await createTables(client, TABLES);
  repo = createRepository(doc, TABLES);
  await seedReferenceData(repo.reference);
});
afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

const entry = (wardCode: string, n: number): RosterEntry => ({
  wardCode,
  villageCode: `${wardCode}-khu-pho-${(n % 3) + 1}`,
  householdCode: `H-${n}`,
  headName: `Chủ hộ ${n}`,
  address: `Số ${n}`,
});

/** The entries of a ward's current roster, as the routes read them: the pointer once, then its import's entries. */
async function currentEntries(wardCode: string, villageCode?: string): Promise<RosterEntry[]> {
  const pointer = await repo.roster.getWardRoster(wardCode);
  return pointer ? repo.roster.listEntries(pointer, villageCode) : [];
}

describe('roster repository on DynamoDB Local', () => {
  it('keeps staged entries invisible until published, refuses a stale switch, and discards replaced imports', async () => {
    const first = Array.from({ length: 60 }, (_, n) => entry('14815', n));
    await repo.roster.stageEntries('imp-1', first);
    expect(await currentEntries('14815')).toEqual([]);
    const pointers = wardRostersOf(first, 'imp-1', '2026-11-24T08:00:00Z', 'admin');
    expect(await repo.roster.publish(pointers, new Map([['14815', null]]))).toBe(true);
    expect(await currentEntries('14815')).toHaveLength(60);
    expect(await currentEntries('14815', '14815-khu-pho-2')).toHaveLength(20);
    expect(await repo.roster.getWardRoster('14815')).toMatchObject({ importId: 'imp-1', households: 60, villages: { '14815-khu-pho-1': 20 } });

    // A second import of two wards, planned against a stale pointer for 14815: nothing switches, 14809 included.
    const second = [entry('14815', 100), entry('14809', 1)];
    await repo.roster.stageEntries('imp-2', second);
    const next = wardRostersOf(second, 'imp-2', '2026-11-24T09:00:00Z', 'admin');
    expect(
      await repo.roster.publish(
        next,
        new Map([
          ['14815', null],
          ['14809', null],
        ]),
      ),
    ).toBe(false);
    expect(await repo.roster.getWardRoster('14809')).toBeUndefined();
    expect((await repo.roster.getWardRoster('14815'))?.importId).toBe('imp-1');

    expect(
      await repo.roster.publish(
        next,
        new Map([
          ['14815', 'imp-1'],
          ['14809', null],
        ]),
      ),
    ).toBe(true);
    expect((await currentEntries('14815')).map((e) => e.householdCode)).toEqual(['H-100']);
    // A pointer read before the switch still lists its own import, never a mix of the two.
    expect(await repo.roster.listEntries(pointers[0])).toHaveLength(60);
    expect((await repo.roster.listWardRosters()).map((p) => p.wardCode).sort()).toEqual(['14809', '14815']);
    await repo.roster.discardImport('14815', 'imp-1');
    // The discarded entries are gone from the table, not only from view.
    await repo.roster.publish([{ ...pointers[0], importedAt: 'x' }], new Map([['14815', 'imp-2']]));
    expect(await currentEntries('14815')).toEqual([]);
  });
});

describe('roster keys per area set on DynamoDB Local', () => {
  it("keeps the installation's set under the keys rosters always had, and another set under ROSTER@<set>", async () => {
    const baDinh = [entry('14812', 1)];
    const bimSon = [{ ...entry('14812', 2), villageCode: '14815-khu-pho-1' }];
    await repo.roster.stageEntries('imp-keys', baDinh);
    await repo.roster.publish(wardRostersOf(baDinh, 'imp-keys', '2026-11-24T08:00:00Z', 'admin'), new Map([['14812', null]]));
    await repo.roster.stageEntries('imp-keys', bimSon, 'bim-son-2025');
    await repo.roster.publish(wardRostersOf(bimSon, 'imp-keys', '2026-11-24T08:00:00Z', 'admin'), new Map([['14812', null]]), 'bim-son-2025');

    const get = async (pk: string, sk: string) => (await doc.send(new GetCommand({ TableName: TABLES.reference, Key: { pk, sk } }))).Item;
    const keysOf = async (pk: string) =>
      (
        (await doc.send(new QueryCommand({ TableName: TABLES.reference, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } })))
          .Items ?? []
      ).map((item) => item.sk);
    expect(await get('ROSTER', '14812')).toMatchObject({ wardCode: '14812', importId: 'imp-keys', households: 1 });
    expect((await get('ROSTER', '14812'))?.areaSetId).toBeUndefined();
    expect(await get('ROSTER@bim-son-2025', '14812')).toMatchObject({ wardCode: '14812', importId: 'imp-keys', households: 1, areaSetId: 'bim-son-2025' });
    expect(await keysOf('ROSTER#14812#imp-keys')).toEqual(['14812-khu-pho-2#H-1']);
    expect(await keysOf('ROSTER@bim-son-2025#14812#imp-keys')).toEqual(['14815-khu-pho-1#H-2']);
  });
});

describe('raw export on DynamoDB Local', () => {
  it('pages through every ward and writes one row per member (long) or household (wide), live responses only', async () => {
    const wards = BIM_SON_AREAS.filter((a) => a.level === 'ward').map((a) => a.code);
    const base = responseBody();
    const items: StoredResponseItem[] = Array.from(
      { length: 140 },
      (_, i) =>
        ({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          roundId: 'cds-2024',
          wardCode: wards[i % wards.length],
          villageCode: `${wards[i % wards.length]}-khu-pho-1`,
          version: 1,
          referenceYear: 2024,
          household: { ...base.household, head_name: `Hộ ${i}` },
          members: Array.from({ length: 1 + (i % 4) }, (_, m) => (m === 3 ? child() : adult())),
          channel: 'collector',
          bodyHash: `h${i}`,
          createdBy: 't',
          createdAt: '2026-11-24T08:00:00Z',
          updatedBy: 't',
          updatedAt: '2026-11-24T08:00:00Z',
          ...(i % 10 === 9 ? { deletedAt: '2026-11-24T09:00:00Z' } : {}),
        }) as StoredResponseItem,
    );
    await batchPutResponses(doc, TABLES.responses, items);
    const live = items.filter((item) => !item.deletedAt);
    const tree = new AreaTree(BIM_SON_AREAS);

    const read = async (shape: 'long' | 'wide') => {
      let text = '';
      for await (const chunk of responsesCsvStream({ responses: repo.responses, tree, roundId: 'cds-2024', wardCodes: wards, shape })) text += chunk;
      return parse(text, { bom: true, columns: true }) as Record<string, string>[];
    };
    const long = await read('long');
    expect(long).toHaveLength(live.reduce((n, item) => n + item.members.length, 0));
    const wide = await read('wide');
    expect(wide.map((r) => r.response_id).sort()).toEqual(live.map((item) => item.id).sort());
    expect(new Set(long.map((r) => r.response_id)).size).toBe(live.length);

    // Pages of 7 with read-ahead see the same responses as one read.
    const paged: string[] = [];
    for (const ward of wards) for await (const item of repo.responses.listAllInWard('cds-2024', ward, { pageSize: 7 })) paged.push(item.id);
    expect(paged.sort()).toEqual(items.map((item) => item.id).sort());
    // One village of a ward: its responses only, tombstones included, across pages.
    const village = `${wards[0]}-khu-pho-1`;
    const ofVillage: string[] = [];
    for await (const item of repo.responses.listAllInWard('cds-2024', wards[0], { pageSize: 3, villageCode: village })) ofVillage.push(item.id);
    expect(ofVillage.sort()).toEqual(
      items
        .filter((item) => item.villageCode === village)
        .map((item) => item.id)
        .sort(),
    );
    const other: string[] = [];
    for await (const item of repo.responses.listAllInWard('cds-2024', wards[0], { villageCode: `${wards[0]}-khu-pho-2` })) other.push(item.id);
    expect(other).toEqual([]);
  });
});
