// An in-memory Repository with the same conditional and transactional semantics as the DynamoDB one,
// for API tests through app.request() and for the pure fold's property tests.

import { aggregateKeyId, type ChangeRecord, type FoldPlan, type LedgerEntry } from '@shared/aggregation/fold';
import type { Area } from '@shared/areas/areas';
import type { CountingState } from '@shared/indicators/counting';
import { addTally, type Tally } from '@shared/indicators/tally';
import type { RosterEntry, WardRoster } from '@shared/roster/roster';
import { isLegacyRosterSet, rosterSetOf } from '@shared/roster/roster-set';
import type { StoredRound as Round } from '@shared/rounds/round';
import type {
  AggregateRow,
  AggregatesRepo,
  AttemptsRepo,
  ClaimFields,
  CountingsRepo,
  FailedAttempts,
  KeptPair,
  LinkRecord,
  LinksRepo,
  LocalUserRecord,
  ReferenceRepo,
  Repository,
  ResponsesRepo,
  RosterRepo,
  SessionsRepo,
  StoredHistoryEntry,
  StoredResponseItem,
  SurveyRecord,
  SurveysRepo,
} from '../../functions/lib/repo/types';
import { createMemoryAreaSets } from './memory-area-sets';
import { createMemoryExportJobs } from './memory-export-jobs';

const clone = <T>(value: T): T => structuredClone(value);
/** DynamoDB orders sort keys by their UTF-8 bytes, not by locale ('D' before 'c'). */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The DynamoDB repository's sort key of an aggregate row, so rows come back in the same order. */
const aggregateSk = (wardCode: string, slot: number, bucket?: string) => (bucket ? `${wardCode}#${bucket}#${slot}` : `${wardCode}#${slot}`);

export interface MemoryRepository extends Repository {
  /** Stored responses by id, tombstones included (tests may inspect, not mutate). */
  responseItems: Map<string, StoredResponseItem>;
  ledger: Map<string, LedgerEntry>;
  /** Aggregate rows by `<round>#<ward>#<slot>`. */
  rows: Map<string, AggregateRow & { roundId: string }>;
  /** Counts each aggregate row write (for write-cost assertions). */
  aggregateWrites: number;
  /** What a NEW_AND_OLD_IMAGES stream would carry, in write order, with increasing sequence numbers. */
  changes: ChangeRecord[];
  /** Roster entries by `<ward>#<importId>` (staged and published alike) and the ward pointers. */
  rosterEntries: Map<string, RosterEntry[]>;
  rosterPointers: Map<string, WardRoster>;
  /** Self-report links by `<round>#<village>#<linkId>`. */
  linkItems: Map<string, LinkRecord>;
  /** Households' claims: `<round>#<ward>#<householdCode>` → response id. */
  claims: Map<string, string>;
  /** History entries by `<responseId>` then key. */
  historyItems: Map<string, Map<string, StoredHistoryEntry>>;
}

const claimId = (fields: ClaimFields | undefined) => (fields?.householdCode ? `${fields.roundId}#${fields.wardCode}#${fields.householdCode}` : undefined);

export function createMemoryRepository(): MemoryRepository {
  const responseItems = new Map<string, StoredResponseItem>();
  const ledger = new Map<string, LedgerEntry>();
  const rows = new Map<string, AggregateRow & { roundId: string }>();
  const areas: Area[] = [];
  const rounds = new Map<string, Round>();
  const users = new Map<string, LocalUserRecord>();
  const changes: ChangeRecord[] = [];
  const record = (oldImage: StoredResponseItem | undefined, newImage: StoredResponseItem) => {
    changes.push({ sequenceNumber: String(1000 + changes.length), oldImage: oldImage && clone(oldImage), newImage: clone(newImage) });
  };

  const claims = new Map<string, string>();
  /** The claim `fields` names is free or held by `id` already. */
  const claimFree = (fields: ClaimFields | undefined, id: string) => {
    const key = claimId(fields);
    return !key || claims.get(key) === undefined || claims.get(key) === id;
  };
  // Like the transaction: the response's condition first, then the claim's; all or nothing.
  const moveClaim = (id: string, take: ClaimFields | undefined, release: ClaimFields | undefined) => {
    const releaseKey = claimId(release);
    if (releaseKey && claims.get(releaseKey) === id) claims.delete(releaseKey);
    const takeKey = claimId(take);
    if (takeKey) claims.set(takeKey, id);
  };

  const responses: ResponsesRepo = {
    async get(id) {
      const item = responseItems.get(id);
      return item ? clone(item) : undefined;
    },
    async create(item) {
      const current = responseItems.get(item.id);
      if (current) return { ok: false, current: clone(current) };
      if (!claimFree(item, item.id)) return { ok: false, current: undefined, claimedBy: claims.get(claimId(item)!) };
      responseItems.set(item.id, clone(item));
      moveClaim(item.id, item, undefined);
      record(undefined, item);
      return { ok: true };
    },
    async replace(item, expectedVersion, previous) {
      const current = responseItems.get(item.id);
      if (!current || current.deletedAt || current.version !== expectedVersion) return { ok: false, current: current && clone(current) };
      const moves = previous !== undefined && claimId(previous) !== claimId(item);
      if (moves && !claimFree(item, item.id)) return { ok: false, current: undefined, claimedBy: claims.get(claimId(item)!) };
      responseItems.set(item.id, clone(item));
      if (moves) moveClaim(item.id, item, previous);
      record(current, item);
      return { ok: true };
    },
    async markDeleted(tombstone, expectedVersion) {
      const written = await responses.replace(tombstone, expectedVersion);
      if (written.ok) moveClaim(tombstone.id, undefined, tombstone);
      return written;
    },
    async claimOf(fields) {
      const key = claimId(fields);
      return key ? claims.get(key) : undefined;
    },
    async listByWard({ roundId, wardCode, villageCode, limit, cursor }) {
      const all = [...responseItems.values()]
        .filter((r) => r.roundId === roundId && r.wardCode === wardCode && !r.deletedAt && (!villageCode || r.villageCode === villageCode))
        .sort((a, b) => byKey(`${a.villageCode}#${a.id}`, `${b.villageCode}#${b.id}`));
      const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
      return { items: page.map(clone), cursor: next };
    },
    async *listAllInWard(roundId, wardCode, { villageCode } = {}) {
      const inWard = [...responseItems.values()].filter(
        (item) => item.roundId === roundId && item.wardCode === wardCode && (!villageCode || item.villageCode === villageCode),
      );
      for (const item of inWard.sort((a, b) => byKey(`${a.villageCode}#${a.id}`, `${b.villageCode}#${b.id}`))) yield clone(item);
    },
  };

  const repo: MemoryRepository = {
    responseItems,
    ledger,
    rows,
    aggregateWrites: 0,
    changes,
    responses,
    aggregates: {} as AggregatesRepo,
    countings: memoryCountings(),
    reference: {} as ReferenceRepo,
    areaSets: createMemoryAreaSets(),
    roster: {} as RosterRepo,
    rosterEntries: new Map(),
    rosterPointers: new Map(),
    linkItems: new Map(),
    claims,
    historyItems: new Map(),
    history: {} as Repository['history'],
    duplicates: memoryDuplicates(),
    links: {} as LinksRepo,
    attempts: memoryAttempts(),
    sessions: memorySessions(),
    surveys: {} as SurveysRepo,
    exportJobs: createMemoryExportJobs(),
  };

  repo.aggregates = {
    async readLedger(ids) {
      const found = new Map<string, LedgerEntry>();
      for (const id of ids) {
        const entry = ledger.get(id);
        if (entry) found.set(id, clone(entry));
      }
      return found;
    },
    async applyPlan(plan: FoldPlan, slot, now) {
      // All conditions first, then all writes: a transaction.
      for (const update of plan.ledgerUpdates) {
        const current = ledger.get(update.next.responseId);
        if ((current?.version ?? null) !== update.expectedVersion) return false;
      }
      for (const update of plan.ledgerUpdates) ledger.set(update.next.responseId, clone(update.next));
      for (const delta of plan.deltas) {
        const key = `${aggregateKeyId(delta.key)}#${slot}`;
        const bucket = delta.key.bucket ? { bucket: delta.key.bucket } : {};
        const row = rows.get(key) ?? { roundId: delta.key.roundId, wardCode: delta.key.wardCode, ...bucket, slot, tally: {}, rev: 0, updatedAt: null };
        rows.set(key, { ...row, tally: addTally(row.tally, delta.tally), rev: row.rev + 1, updatedAt: now });
        repo.aggregateWrites += 1;
      }
      return true;
    },
    async readRoundRows(roundId) {
      return [...rows.values()]
        .filter((r) => r.roundId === roundId)
        .sort((a, b) => byKey(aggregateSk(a.wardCode, a.slot, a.bucket), aggregateSk(b.wardCode, b.slot, b.bucket)))
        .map(({ roundId: _r, ...row }) => clone(row));
    },
    async correctWard(roundId, wardCode, correction: Tally, rowsRead, slots, now, bucket) {
      const cell = aggregateKeyId({ roundId, wardCode, ...(bucket ? { bucket } : {}) });
      for (let slot = 0; slot < slots; slot += 1) {
        const current = rows.get(`${cell}#${slot}`);
        const read = rowsRead.find((r) => r.slot === slot);
        if ((current?.rev ?? null) !== (read?.rev ?? null)) return false;
      }
      const key = `${cell}#0`;
      const row = rows.get(key) ?? { roundId, wardCode, ...(bucket ? { bucket } : {}), slot: 0, tally: {}, rev: 0, updatedAt: null };
      rows.set(key, { ...row, tally: addTally(row.tally, correction), rev: row.rev + 1, updatedAt: now });
      return true;
    },
  };

  repo.reference = {
    async listAreas() {
      return clone(areas);
    },
    async putAreas(next) {
      areas.splice(0, areas.length, ...clone(next));
    },
    async listRounds() {
      // Newest first, as the DynamoDB repository sorts them.
      return [...rounds.values()].sort((a, b) => b.opensAt.localeCompare(a.opensAt)).map(clone);
    },
    async getRound(id) {
      const round = rounds.get(id);
      return round ? clone(round) : undefined;
    },
    async putRound(round) {
      rounds.set(round.id, clone(round));
    },
    async getLocalUser(username) {
      const user = users.get(username);
      return user ? clone(user) : undefined;
    },
    async putLocalUser(user) {
      users.set(user.username, clone(user));
    },
    async deleteLocalUser(username) {
      users.delete(username);
    },
  };
  repo.roster = memoryRoster(repo.rosterEntries, repo.rosterPointers);
  repo.history = {
    async append(entries) {
      for (const entry of entries) {
        const kept = repo.historyItems.get(entry.responseId) ?? new Map<string, StoredHistoryEntry>();
        if (!kept.has(entry.key)) kept.set(entry.key, clone(entry));
        repo.historyItems.set(entry.responseId, kept);
      }
    },
    async list(responseId) {
      const kept = repo.historyItems.get(responseId);
      return kept ? [...kept.values()].sort((a, b) => byKey(a.key, b.key)).map(clone) : [];
    },
  };
  repo.surveys = memorySurveys();
  // ---- self-report links ----
  const linkKey = (roundId: string, villageCode: string, linkId: string) => `${roundId}#${villageCode}#${linkId}`;
  const linkCodes = new Map<string, { roundId: string; villageCode: string; linkId: string }>();
  repo.links = {
    async putLinks(links) {
      for (const link of links) {
        repo.linkItems.set(linkKey(link.roundId, link.villageCode, link.linkId), clone(link));
        if (link.codeHash) linkCodes.set(link.codeHash, { roundId: link.roundId, villageCode: link.villageCode, linkId: link.linkId });
      }
    },
    async getLink(roundId, villageCode, linkId) {
      const link = repo.linkItems.get(linkKey(roundId, villageCode, linkId));
      return link ? clone(link) : undefined;
    },
    async listLinks(roundId, villageCode) {
      return [...repo.linkItems.values()]
        .filter((l) => l.roundId === roundId && l.villageCode === villageCode)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.linkId.localeCompare(b.linkId))
        .map(clone);
    },
    async revokeLink(roundId, villageCode, linkId, revokedAt, revokedBy) {
      const link = repo.linkItems.get(linkKey(roundId, villageCode, linkId));
      if (!link || link.revokedAt) return false;
      repo.linkItems.set(linkKey(roundId, villageCode, linkId), { ...link, revokedAt, revokedBy });
      return true;
    },
    async getLinkCode(codeHash) {
      const entry = linkCodes.get(codeHash);
      return entry ? clone(entry) : undefined;
    },
  };
  return repo;
}

/**
 * Rosters keyed as the DynamoDB repository keys them: the installation's set under the keys rosters always had
 * (`<ward>#<import>`, pointer `<ward>`), any other set behind `@<set>#` (see roster-repo.ts).
 */
function memoryRoster(entries: Map<string, RosterEntry[]>, pointers: Map<string, WardRoster>): RosterRepo {
  const sortKey = (e: RosterEntry) => `${e.villageCode}#${e.householdCode}`;
  const prefix = (areaSetId?: string) => (isLegacyRosterSet(areaSetId) ? '' : `@${rosterSetOf(areaSetId)}#`);
  const stored = (pointer: WardRoster, areaSetId?: string): WardRoster => {
    const { areaSetId: _given, ...rest } = clone(pointer);
    return isLegacyRosterSet(areaSetId) ? rest : { ...rest, areaSetId: rosterSetOf(areaSetId) };
  };
  return {
    async listWardRosters(areaSetId) {
      const ofSet = isLegacyRosterSet(areaSetId) ? (key: string) => !key.startsWith('@') : (key: string) => key.startsWith(prefix(areaSetId));
      return [...pointers]
        .filter(([key]) => ofSet(key))
        .map(([, pointer]) => pointer)
        .sort((a, b) => byKey(a.wardCode, b.wardCode))
        .map(clone);
    },
    async getWardRoster(wardCode, areaSetId) {
      const pointer = pointers.get(`${prefix(areaSetId)}${wardCode}`);
      return pointer ? clone(pointer) : undefined;
    },
    async listEntries(pointer, villageCode) {
      return (entries.get(`${prefix(pointer.areaSetId)}${pointer.wardCode}#${pointer.importId}`) ?? [])
        .filter((e) => !villageCode || e.villageCode === villageCode)
        .sort((a, b) => byKey(sortKey(a), sortKey(b)))
        .map(clone);
    },
    async stageEntries(importId, staged, areaSetId) {
      for (const entry of staged) {
        const key = `${prefix(areaSetId)}${entry.wardCode}#${importId}`;
        const list = entries.get(key) ?? [];
        // Same key as an existing entry replaces it, as a Put would.
        const at = list.findIndex((e) => sortKey(e) === sortKey(entry));
        if (at >= 0) list[at] = clone(entry);
        else list.push(clone(entry));
        entries.set(key, list);
      }
    },
    async publish(next, previous, areaSetId) {
      const keyOf = (wardCode: string) => `${prefix(areaSetId)}${wardCode}`;
      for (const pointer of next) if ((pointers.get(keyOf(pointer.wardCode))?.importId ?? null) !== (previous.get(pointer.wardCode) ?? null)) return false;
      for (const pointer of next) pointers.set(keyOf(pointer.wardCode), stored(pointer, areaSetId));
      return true;
    },
    async discardImport(wardCode, importId, areaSetId) {
      entries.delete(`${prefix(areaSetId)}${wardCode}#${importId}`);
    },
  };
}

/** Failed sign-ins: a count, the last failure and when it is forgotten (DynamoDB's TTL). */
function memoryDuplicates(): Repository['duplicates'] {
  const kept = new Map<string, KeptPair>();
  return {
    async listKept(roundId, wardCode) {
      return [...kept.values()].filter((pair) => pair.roundId === roundId && pair.wardCode === wardCode).map(clone);
    },
    async putKept(pair) {
      kept.set(`${pair.roundId}#${pair.wardCode}#${pair.pair}`, clone(pair));
    },
  };
}

function memoryAttempts(): AttemptsRepo {
  const counts = new Map<string, FailedAttempts & { forgetAt: number }>();
  const live = (key: string, now: Date) => {
    const entry = counts.get(key);
    return entry && entry.forgetAt > now.getTime() ? entry : undefined;
  };
  return {
    async get(key, now) {
      const entry = live(key, now);
      return entry && { failures: entry.failures, lastFailureAt: entry.lastFailureAt };
    },
    async recordFailure(key, now, forgetAfterSeconds) {
      const failures = (live(key, now)?.failures ?? 0) + 1;
      counts.set(key, { failures, lastFailureAt: now.toISOString(), forgetAt: now.getTime() + forgetAfterSeconds * 1000 });
      return { failures, lastFailureAt: now.toISOString() };
    },
    async clear(key) {
      counts.delete(key);
    },
  };
}

function memorySessions(): SessionsRepo {
  const cutoffs = new Map<string, string>();
  return {
    async getValidAfter(username) {
      return cutoffs.get(username);
    },
    async setValidAfter(username, validAfter) {
      cutoffs.set(username, validAfter);
    },
  };
}

function memorySurveys(): SurveysRepo {
  const versions = new Map<string, SurveyRecord>();
  const key = (id: string, version: number) => `${id}#${String(version).padStart(6, '0')}`;
  const sorted = () => [...versions.entries()].sort(([a], [b]) => byKey(a, b)).map(([, record]) => clone(record));
  return {
    async get(id, version) {
      const record = versions.get(key(id, version));
      return record ? clone(record) : undefined;
    },
    async list() {
      return sorted();
    },
    async listVersions(id) {
      return sorted().filter((record) => record.id === id);
    },
    async putDraft(record) {
      const current = versions.get(key(record.id, record.version));
      if (current && current.status !== 'draft') return { ok: false, current: clone(current) };
      versions.set(key(record.id, record.version), clone({ ...record, status: 'draft' }));
      return { ok: true };
    },
    async publish(id, version, publishedAt, publishedBy) {
      const current = versions.get(key(id, version));
      if (current?.status !== 'draft') return { ok: false, current: current && clone(current) };
      versions.set(key(id, version), { ...current, status: 'published', publishedAt, publishedBy });
      return { ok: true };
    },
  };
}

/** Counting states kept in a map, writes conditional on the rev as in DynamoDB. */
export function memoryCountings(): CountingsRepo {
  const states = new Map<string, CountingState>();
  return {
    async get(roundId) {
      const state = states.get(roundId);
      return state && structuredClone(state);
    },
    async put(state, expectedRev) {
      const stored = states.get(state.roundId);
      if ((stored?.rev ?? null) !== expectedRev) return false;
      states.set(state.roundId, structuredClone(state));
      return true;
    },
  };
}
