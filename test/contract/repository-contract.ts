// One set of cases for every Repository: the in-memory fake the API tests use (unit project) and the DynamoDB
// repository on DynamoDB Local (integration project) run the same expectations, so the fake cannot drift from
// what the stores do. Cases assert outcomes (written or conflict, what is stored afterwards), not return shapes.

import type { FoldPlan, LedgerEntry } from '@shared/aggregation/fold';
import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { initialCounting, replaceIndicators } from '@shared/indicators/counting';
import type { Tally } from '@shared/indicators/tally';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire/household-dx-v1';
import type { RosterEntry, WardRoster } from '@shared/roster/roster';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LinkRecord, Repository, StoredResponseItem, SurveyRecord } from '../../functions/lib/repo/types';
import { adult, child } from '../support/fixtures';
import { describeAreaSetsContract } from './area-sets-contract';
import { describeClaimsContract } from './claims-contract';
import { describeExportJobsContract } from './export-jobs-contract';
import { describeRosterSetsContract } from './roster-sets-contract';

/**
 * Whether a conditional write went through. Today the repositories answer a boolean; when they answer a result
 * carrying the current item on a failed condition, adapt this one function.
 */
export function written(result: unknown): boolean {
  if (typeof result === 'boolean') return result;
  if (result && typeof result === 'object' && 'ok' in result) return Boolean((result as { ok: unknown }).ok);
  throw new Error(`unexpected conditional-write result: ${JSON.stringify(result)}`);
}

const ROUND = 'contract-round';
const WARD = '14815';
const VILLAGE_1 = '14815-khu-pho-1';
const VILLAGE_2 = '14815-khu-pho-2';

function stored(id: string, overrides: Partial<StoredResponseItem> = {}): StoredResponseItem {
  return {
    id,
    roundId: ROUND,
    wardCode: WARD,
    villageCode: VILLAGE_1,
    version: 1,
    referenceYear: 2024,
    household: {
      head_name: `Chủ hộ ${id}`,
      address: 'Số 1',
      internet_any: true,
      fiber_broadband: true,
      electricity_cashless: false,
      business_household: false,
    },
    members: [adult(), child()],
    channel: 'collector',
    bodyHash: `${id}:1`,
    createdBy: 'collector-14815',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedBy: 'collector-14815',
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  };
}

/** Tallies compared without zero counters (a store may keep a counter at 0 where the fake drops the key). */
function nonZero(tally: Tally): Tally {
  return Object.fromEntries(Object.entries(tally).filter(([, value]) => value !== 0));
}

function ledgerEntry(responseId: string, version: number, wardCode: string | null, tally: Tally): LedgerEntry {
  return { responseId, version, key: wardCode ? { roundId: ROUND, wardCode } : null, tally };
}

/** A plan moving one response from `previous` to `next` (as the fold plans it), with its delta. */
function planOf(previous: LedgerEntry | null, next: LedgerEntry, delta: Tally): FoldPlan {
  const key = next.key ?? previous?.key;
  return {
    ledgerUpdates: [{ expectedVersion: previous?.version ?? null, previous, next }],
    deltas: key ? [{ key, tally: delta }] : [],
    skipped: 0,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export function describeRepositoryContract(name: string, makeRepo: () => Repository | Promise<Repository>): void {
  describe(`repository contract: ${name}`, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await makeRepo();
    });
    describeExportJobsContract(() => repo);
    describeAreaSetsContract(() => repo);
    describeClaimsContract(() => repo);
    describeRosterSetsContract(() => repo);

    describe('counting states', () => {
      it('writes a state only against the rev read, and gives it back whole', async () => {
        const roundId = `counting-${Math.random().toString(36).slice(2)}`;
        const state = initialCounting({ id: roundId, surveyId: HOUSEHOLD_DX_V1.id, surveyVersion: 1 }, HOUSEHOLD_DX_V1, HOUSEHOLD_DX_V1.indicators);
        expect(await repo.countings.get(roundId)).toBeUndefined();
        expect(await repo.countings.put(state, null)).toBe(true);
        expect(await repo.countings.put(state, null)).toBe(false);
        expect(await repo.countings.get(roundId)).toEqual(state);
        const next = replaceIndicators(state, HOUSEHOLD_DX_V1.indicators.slice(0, 2), '2026-11-30T00:00:00Z').state;
        expect(await repo.countings.put(next, 5)).toBe(false);
        expect(await repo.countings.put(next, state.rev)).toBe(true);
        expect(await repo.countings.get(roundId)).toEqual(next);
        expect(await repo.countings.put(next, state.rev)).toBe(false);
      });
    });

    describe('responses', () => {
      it('creates a response once: a second create of the same id conflicts and leaves the first', async () => {
        const item = stored('r-create');
        expect(written(await repo.responses.create(item))).toBe(true);
        expect(await repo.responses.get('r-create')).toEqual(item);

        expect(written(await repo.responses.create({ ...item, bodyHash: 'other' }))).toBe(false);
        expect((await repo.responses.get('r-create'))?.bodyHash).toBe('r-create:1');
        expect(await repo.responses.get('r-missing')).toBeUndefined();
      });

      it('replaces at the expected version and refuses a stale or unknown one', async () => {
        await repo.responses.create(stored('r-edit'));
        expect(written(await repo.responses.replace(stored('r-edit', { version: 2, bodyHash: 'v2' }), 1))).toBe(true);
        expect((await repo.responses.get('r-edit'))?.version).toBe(2);

        expect(written(await repo.responses.replace(stored('r-edit', { version: 2, bodyHash: 'stale' }), 1))).toBe(false);
        expect(await repo.responses.get('r-edit')).toMatchObject({ version: 2, bodyHash: 'v2' });
        expect(written(await repo.responses.replace(stored('r-nobody', { version: 2 }), 1))).toBe(false);
        expect(await repo.responses.get('r-nobody')).toBeUndefined();
      });

      it('keeps a tombstone: no edit or second delete after it, hidden from pages, kept in the full listing', async () => {
        await repo.responses.create(stored('r-del'));
        const tombstone = stored('r-del', { version: 2, deletedAt: '2026-11-21T08:00:00.000Z' });
        expect(written(await repo.responses.markDeleted(tombstone, 1))).toBe(true);
        expect(await repo.responses.get('r-del')).toEqual(tombstone);

        expect(written(await repo.responses.replace(stored('r-del', { version: 3 }), 2))).toBe(false);
        expect(written(await repo.responses.markDeleted({ ...tombstone, version: 3 }, 2))).toBe(false);
        expect(await repo.responses.get('r-del')).toEqual(tombstone);

        const page = await repo.responses.listByWard({ roundId: ROUND, wardCode: WARD, limit: 10 });
        expect(page.items).toEqual([]);
        expect((await collect(repo.responses.listAllInWard(ROUND, WARD))).map((r) => r.id)).toEqual(['r-del']);
      });

      it('lists live responses of a ward by village then id, pages them exactly once, and filters by village', async () => {
        const items = [
          stored('r-b', { villageCode: VILLAGE_2 }),
          stored('r-a', { villageCode: VILLAGE_2 }),
          stored('r-c'),
          stored('r-D'),
          stored('r-z', { villageCode: VILLAGE_1, deletedAt: '2026-11-21T00:00:00.000Z' }),
          stored('r-other-ward', { wardCode: '14809', villageCode: '14809-thon-1' }),
          stored('r-other-round', { roundId: 'contract-other' }),
        ];
        for (const item of items) await repo.responses.create(item);
        // Key order is the store's byte order ('D' before 'c'), not the locale's.
        const expected = ['r-D', 'r-c', 'r-a', 'r-b'];

        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages += 1) {
          const page = await repo.responses.listByWard({ roundId: ROUND, wardCode: WARD, limit: 2, cursor });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((r) => r.id));
          cursor = page.cursor;
          if (!cursor) break;
        }
        expect(seen).toEqual(expected);

        const village = await repo.responses.listByWard({ roundId: ROUND, wardCode: WARD, villageCode: VILLAGE_2, limit: 10 });
        expect(village.items.map((r) => r.id)).toEqual(['r-a', 'r-b']);

        const all = await collect(repo.responses.listAllInWard(ROUND, WARD, { pageSize: 1 }));
        expect(all.map((r) => r.id).sort()).toEqual([...expected, 'r-z'].sort());
        const inVillage = await collect(repo.responses.listAllInWard(ROUND, WARD, { villageCode: VILLAGE_1 }));
        expect(inVillage.map((r) => r.id).sort()).toEqual(['r-D', 'r-c', 'r-z']);
      });
    });

    describe('links', () => {
      const link = (linkId: string, createdAt: string, overrides: Partial<LinkRecord> = {}): LinkRecord => ({
        linkId,
        roundId: ROUND,
        wardCode: WARD,
        villageCode: VILLAGE_1,
        householdCode: `H-${linkId}`,
        expiresAt: '2026-12-31T00:00:00.000Z',
        createdBy: 'collector-14815',
        createdAt,
        ...overrides,
      });

      it('stores links, lists a village oldest first, and revokes a link once', async () => {
        await repo.links.putLinks([
          link('l-2', '2026-11-20T09:00:00.000Z'),
          link('l-1', '2026-11-20T08:00:00.000Z'),
          link('l-3', '2026-11-20T09:00:00.000Z', { householdCode: undefined }),
          link('l-other', '2026-11-20T08:00:00.000Z', { villageCode: VILLAGE_2 }),
        ]);
        expect((await repo.links.listLinks(ROUND, VILLAGE_1)).map((l) => l.linkId)).toEqual(['l-1', 'l-2', 'l-3']);
        expect(await repo.links.getLink(ROUND, VILLAGE_1, 'l-1')).toEqual(link('l-1', '2026-11-20T08:00:00.000Z'));
        expect(await repo.links.getLink(ROUND, VILLAGE_2, 'l-1')).toBeUndefined();

        expect(written(await repo.links.revokeLink(ROUND, VILLAGE_1, 'l-1', '2026-11-21T00:00:00.000Z', 'collector-14815'))).toBe(true);
        expect(await repo.links.getLink(ROUND, VILLAGE_1, 'l-1')).toMatchObject({ revokedAt: '2026-11-21T00:00:00.000Z', revokedBy: 'collector-14815' });
        expect(written(await repo.links.revokeLink(ROUND, VILLAGE_1, 'l-1', '2026-11-22T00:00:00.000Z', 'admin'))).toBe(false);
        expect((await repo.links.getLink(ROUND, VILLAGE_1, 'l-1'))?.revokedBy).toBe('collector-14815');
        expect(written(await repo.links.revokeLink(ROUND, VILLAGE_1, 'l-missing', '2026-11-21T00:00:00.000Z', 'admin'))).toBe(false);
        expect(await repo.links.getLink(ROUND, VILLAGE_1, 'l-missing')).toBeUndefined();
      });

      it("finds a link by its short code's index key, keeps the key on the link, and lists no index entry as a link", async () => {
        await repo.links.putLinks([
          link('l-coded', '2026-11-20T08:00:00.000Z', { codeKid: 'kid1', codeHash: 'hash-of-code-1', address: 'Số 3, ngõ 5' }),
          link('l-plain', '2026-11-20T09:00:00.000Z'),
        ]);
        expect(await repo.links.getLinkCode('hash-of-code-1')).toEqual({ roundId: ROUND, villageCode: VILLAGE_1, linkId: 'l-coded' });
        expect(await repo.links.getLinkCode('hash-of-another-code')).toBeUndefined();
        expect(await repo.links.getLink(ROUND, VILLAGE_1, 'l-coded')).toMatchObject({ codeKid: 'kid1', codeHash: 'hash-of-code-1', address: 'Số 3, ngõ 5' });
        expect((await repo.links.listLinks(ROUND, VILLAGE_1)).map((l) => l.linkId)).toEqual(['l-coded', 'l-plain']);
      });
    });

    describe('roster', () => {
      const entry = (wardCode: string, villageCode: string, householdCode: string): RosterEntry => ({
        wardCode,
        villageCode,
        householdCode,
        headName: `Chủ hộ ${householdCode}`,
        address: `Số ${householdCode}`,
      });
      const pointer = (wardCode: string, importId: string, households: number, villages: Record<string, number>): WardRoster => ({
        wardCode,
        importId,
        importedAt: '2026-11-24T08:00:00.000Z',
        importedBy: 'admin',
        households,
        villages,
      });

      it('keeps staged entries invisible until the pointer moves, and lists them by village then household', async () => {
        const entries = [entry(WARD, VILLAGE_2, 'H-01'), entry(WARD, VILLAGE_1, 'H-10'), entry(WARD, VILLAGE_1, 'H-02')];
        await repo.roster.stageEntries('imp-1', entries);
        expect(await repo.roster.getWardRoster(WARD)).toBeUndefined();
        expect(await repo.roster.listWardRosters()).toEqual([]);

        const next = pointer(WARD, 'imp-1', 3, { [VILLAGE_1]: 2, [VILLAGE_2]: 1 });
        expect(written(await repo.roster.publish([next], new Map([[WARD, null]])))).toBe(true);
        expect(await repo.roster.getWardRoster(WARD)).toEqual(next);
        const listed = await repo.roster.listEntries(next);
        expect(listed.map((e) => `${e.villageCode}/${e.householdCode}`)).toEqual([`${VILLAGE_1}/H-02`, `${VILLAGE_1}/H-10`, `${VILLAGE_2}/H-01`]);
        expect(listed[0]).toEqual(entry(WARD, VILLAGE_1, 'H-02'));
        expect((await repo.roster.listEntries(next, VILLAGE_2)).map((e) => e.householdCode)).toEqual(['H-01']);
      });

      it('moves every ward pointer or none: a stale expectation conflicts and writes nothing', async () => {
        await repo.roster.stageEntries('imp-1', [entry(WARD, VILLAGE_1, 'H-1')]);
        const first = pointer(WARD, 'imp-1', 1, { [VILLAGE_1]: 1 });
        await repo.roster.publish([first], new Map([[WARD, null]]));

        await repo.roster.stageEntries('imp-2', [entry(WARD, VILLAGE_1, 'H-2'), entry('14809', '14809-thon-1', 'H-3')]);
        const next = [pointer(WARD, 'imp-2', 1, { [VILLAGE_1]: 1 }), pointer('14809', 'imp-2', 1, { '14809-thon-1': 1 })];
        expect(
          written(
            await repo.roster.publish(
              next,
              new Map([
                [WARD, null],
                ['14809', null],
              ]),
            ),
          ),
        ).toBe(false);
        expect(await repo.roster.getWardRoster('14809')).toBeUndefined();
        expect(await repo.roster.getWardRoster(WARD)).toEqual(first);

        expect(
          written(
            await repo.roster.publish(
              next,
              new Map([
                [WARD, 'imp-1'],
                ['14809', null],
              ]),
            ),
          ),
        ).toBe(true);
        expect((await repo.roster.listWardRosters()).map((p) => `${p.wardCode}:${p.importId}`)).toEqual(['14809:imp-2', `${WARD}:imp-2`]);
        // A pointer read before the switch still names its own import's entries.
        expect((await repo.roster.listEntries(first)).map((e) => e.householdCode)).toEqual(['H-1']);

        await repo.roster.discardImport(WARD, 'imp-1');
        expect(await repo.roster.listEntries(first)).toEqual([]);
        expect((await repo.roster.listEntries(next[0])).map((e) => e.householdCode)).toEqual(['H-2']);
      });
    });

    describe('failed sign-in attempts', () => {
      const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 8, 0, seconds));

      it('counts failures per key, forgets them after the window or on clear', async () => {
        const key = `user#contract-${Math.random().toString(36).slice(2)}`;
        expect(await repo.attempts.get(key, at(0))).toBeUndefined();
        expect((await repo.attempts.recordFailure(key, at(0), 60)).failures).toBe(1);
        expect(await repo.attempts.recordFailure(key, at(10), 60)).toEqual({ failures: 2, lastFailureAt: at(10).toISOString() });
        expect(await repo.attempts.get(key, at(20))).toEqual({ failures: 2, lastFailureAt: at(10).toISOString() });
        expect(await repo.attempts.get(`${key}-other`, at(20))).toBeUndefined();
        // Forgotten 60 s after the last failure, even before the store deletes the item; counting starts again.
        expect(await repo.attempts.get(key, at(75))).toBeUndefined();
        expect((await repo.attempts.recordFailure(key, at(75), 60)).failures).toBe(1);
        await repo.attempts.clear(key);
        expect(await repo.attempts.get(key, at(76))).toBeUndefined();
      });
    });

    describe('session cut-offs', () => {
      it('stores the latest cut-off per user', async () => {
        const user = `contract-${Math.random().toString(36).slice(2)}`;
        expect(await repo.sessions.getValidAfter(user)).toBeUndefined();
        await repo.sessions.setValidAfter(user, '2026-11-24T08:00:00.000Z');
        await repo.sessions.setValidAfter(user, '2026-11-24T09:00:00.000Z');
        expect(await repo.sessions.getValidAfter(user)).toBe('2026-11-24T09:00:00.000Z');
        expect(await repo.sessions.getValidAfter(`${user}-other`)).toBeUndefined();
      });
    });

    describe('reference', () => {
      const areas: Area[] = [
        { code: '381', name: 'Thị xã Bỉm Sơn', level: 'district', parentCode: null, households: 15000 },
        { code: WARD, name: 'Phường Lam Sơn', level: 'ward', parentCode: '381' },
        { code: VILLAGE_1, name: 'Khu phố 1', nameEn: 'Quarter 1', level: 'village', parentCode: WARD, households: null },
      ];
      const round = (id: string, opensAt: string): Round => ({
        id,
        name: `Round ${id}`,
        form: 'household-dx',
        formVersion: 1,
        referenceYear: 2024,
        opensAt,
        closesAt: '2026-12-31T00:00:00.000Z',
      });

      it('lists areas in the order they were put', async () => {
        await repo.reference.putAreas(areas);
        expect(await repo.reference.listAreas()).toEqual(areas);
      });

      it('stores rounds, lists them newest first, and finds one by id', async () => {
        await repo.reference.putRound(round('r-2024', '2024-06-01T00:00:00.000Z'));
        await repo.reference.putRound(round('r-2026', '2026-06-01T00:00:00.000Z'));
        await repo.reference.putRound(round('r-2025', '2025-06-01T00:00:00.000Z'));
        expect((await repo.reference.listRounds()).map((r) => r.id)).toEqual(['r-2026', 'r-2025', 'r-2024']);
        expect(await repo.reference.getRound('r-2025')).toEqual(round('r-2025', '2025-06-01T00:00:00.000Z'));
        expect(await repo.reference.getRound('r-none')).toBeUndefined();

        await repo.reference.putRound({ ...round('r-2025', '2025-06-01T00:00:00.000Z'), name: 'renamed' });
        expect((await repo.reference.getRound('r-2025'))?.name).toBe('renamed');
        expect(await repo.reference.listRounds()).toHaveLength(3);
      });

      it('stores local users by username', async () => {
        const user = { username: 'collector-14815', passwordHash: 'scrypt$x', role: 'collector' as const, areas: [WARD] };
        await repo.reference.putLocalUser(user);
        expect(await repo.reference.getLocalUser('collector-14815')).toEqual(user);
        expect(await repo.reference.getLocalUser('nobody')).toBeUndefined();
      });

      it('removes a local user, and removing one that is gone is harmless', async () => {
        await repo.reference.putLocalUser({ username: 'leaver', passwordHash: 'scrypt$x', role: 'collector', areas: [WARD] });
        await repo.reference.deleteLocalUser('leaver');
        expect(await repo.reference.getLocalUser('leaver')).toBeUndefined();
        await repo.reference.deleteLocalUser('leaver');
      });
    });

    describe('surveys', () => {
      const record = (id: string, version: number, overrides: Partial<SurveyRecord> = {}): SurveyRecord => ({
        id,
        version,
        status: 'draft',
        title: HOUSEHOLD_DX_V1.title,
        definition: { ...HOUSEHOLD_DX_V1, id, version },
        createdBy: 'admin',
        createdAt: '2026-11-20T08:00:00.000Z',
        ...overrides,
      });

      it('stores drafts, replaces a draft, and lists versions by id then version', async () => {
        expect(written(await repo.surveys.putDraft(record('household-dx', 2)))).toBe(true);
        expect(written(await repo.surveys.putDraft(record('household-dx', 10)))).toBe(true);
        expect(written(await repo.surveys.putDraft(record('household-dx-extra', 1)))).toBe(true);
        expect(written(await repo.surveys.putDraft(record('household-dx', 2, { createdBy: 'admin-2' })))).toBe(true);
        expect(await repo.surveys.get('household-dx', 2)).toEqual(record('household-dx', 2, { createdBy: 'admin-2' }));
        expect(await repo.surveys.get('household-dx', 3)).toBeUndefined();
        expect((await repo.surveys.list()).map((r) => `${r.id}@${r.version}`)).toEqual(['household-dx@2', 'household-dx@10', 'household-dx-extra@1']);
        expect((await repo.surveys.listVersions('household-dx')).map((r) => r.version)).toEqual([2, 10]);
      });

      it('publishes a draft once; a published version refuses a new draft and a second publish with what is stored', async () => {
        await repo.surveys.putDraft(record('household-dx', 2));
        expect(written(await repo.surveys.publish('household-dx', 2, '2026-11-21T08:00:00.000Z', 'admin'))).toBe(true);
        const published = record('household-dx', 2, { status: 'published', publishedAt: '2026-11-21T08:00:00.000Z', publishedBy: 'admin' });
        expect(await repo.surveys.get('household-dx', 2)).toEqual(published);

        const again = await repo.surveys.publish('household-dx', 2, '2026-11-22T08:00:00.000Z', 'admin');
        expect(written(again)).toBe(false);
        expect(again).toEqual({ ok: false, current: published });
        const overwrite = await repo.surveys.putDraft(record('household-dx', 2, { createdBy: 'someone' }));
        expect(overwrite).toEqual({ ok: false, current: published });
        expect(await repo.surveys.get('household-dx', 2)).toEqual(published);
        expect(await repo.surveys.publish('household-dx', 9, '2026-11-22T08:00:00.000Z', 'admin')).toEqual({ ok: false, current: undefined });
      });
    });

    describe('aggregates', () => {
      const one: Tally = { households: 1, members: 2 };

      it('applies a plan once: replaying it conflicts and changes neither ledger nor rows', async () => {
        const next = ledgerEntry('r-1', 1, WARD, one);
        const plan = planOf(null, next, one);
        expect(written(await repo.aggregates.applyPlan(plan, 0, '2026-11-20T08:00:00.000Z'))).toBe(true);
        expect(await repo.aggregates.readLedger(['r-1', 'r-none'])).toEqual(new Map([['r-1', next]]));
        const rows = await repo.aggregates.readRoundRows(ROUND);
        expect(rows.map((r) => ({ wardCode: r.wardCode, slot: r.slot, tally: nonZero(r.tally), updatedAt: r.updatedAt }))).toEqual([
          { wardCode: WARD, slot: 0, tally: one, updatedAt: '2026-11-20T08:00:00.000Z' },
        ]);

        expect(written(await repo.aggregates.applyPlan(plan, 1, '2026-11-20T09:00:00.000Z'))).toBe(false);
        expect(await repo.aggregates.readLedger(['r-1'])).toEqual(new Map([['r-1', next]]));
        expect(await repo.aggregates.readRoundRows(ROUND)).toEqual(rows);
      });

      it('adds an edit and a delete as deltas against the ledger version, per slot, per round', async () => {
        const v1 = ledgerEntry('r-1', 1, WARD, one);
        await repo.aggregates.applyPlan(planOf(null, v1, one), 0, '2026-11-20T08:00:00.000Z');
        await repo.aggregates.applyPlan(planOf(null, ledgerEntry('r-2', 1, WARD, one), one), 1, '2026-11-20T08:00:00.000Z');

        const v2 = ledgerEntry('r-1', 2, WARD, { households: 1, members: 3 });
        expect(written(await repo.aggregates.applyPlan(planOf(v1, v2, { members: 1 }), 0, '2026-11-20T09:00:00.000Z'))).toBe(true);
        const gone = ledgerEntry('r-2', 2, null, {});
        expect(written(await repo.aggregates.applyPlan(planOf(ledgerEntry('r-2', 1, WARD, one), gone, { households: -1, members: -2 }), 1, 'now'))).toBe(true);
        expect(await repo.aggregates.readLedger(['r-1', 'r-2'])).toEqual(
          new Map([
            ['r-1', v2],
            ['r-2', gone],
          ]),
        );
        const rows = (await repo.aggregates.readRoundRows(ROUND)).sort((a, b) => a.slot - b.slot);
        expect(rows.map((r) => [r.slot, nonZero(r.tally)])).toEqual([
          [0, { households: 1, members: 3 }],
          [1, {}],
        ]);
        expect(await repo.aggregates.readRoundRows('contract-other')).toEqual([]);
      });

      it('corrects a ward only when no row moved since it was read', async () => {
        await repo.aggregates.applyPlan(planOf(null, ledgerEntry('r-1', 1, WARD, one), one), 1, '2026-11-20T08:00:00.000Z');
        const read = await repo.aggregates.readRoundRows(ROUND);

        await repo.aggregates.applyPlan(planOf(null, ledgerEntry('r-2', 1, WARD, one), one), 1, '2026-11-20T09:00:00.000Z');
        expect(written(await repo.aggregates.correctWard(ROUND, WARD, { households: 5 }, read, 2, 'now'))).toBe(false);
        const moved = await repo.aggregates.readRoundRows(ROUND);
        expect(moved.map((r) => [r.slot, nonZero(r.tally)])).toEqual([[1, { households: 2, members: 4 }]]);

        expect(written(await repo.aggregates.correctWard(ROUND, WARD, { households: -1 }, moved, 2, '2026-11-20T10:00:00.000Z'))).toBe(true);
        const corrected = (await repo.aggregates.readRoundRows(ROUND)).sort((a, b) => a.slot - b.slot);
        expect(corrected.map((r) => [r.slot, nonZero(r.tally)])).toEqual([
          [0, { households: -1 }],
          [1, { households: 2, members: 4 }],
        ]);
      });
    });
  });
}
