// What the rest of the backend asks of storage. The DynamoDB implementations live beside this file;
// tests and the fold depend only on these interfaces.

import type { FoldPlan, LedgerEntry, ResponseImage } from '@shared/aggregation/fold';
import type { ExportFormat, ExportJobStatus, ExportKind } from '@shared/api/exports';
import type { AreaSet, AreaSetMeta, MappingLink } from '@shared/areas/area-set';
import type { Area, AreaLevel } from '@shared/areas/areas';
import type { ChangeReason, HistoryEntry } from '@shared/history/diff-images';
import type { CountingState } from '@shared/indicators/counting';
import type { Tally } from '@shared/indicators/tally';
import type { Definition, Label } from '@shared/questionnaire/definition';
import type { Review, ReviewBucket } from '@shared/review/review';
import type { RosterEntry, WardRoster } from '@shared/roster/roster';
import type { StoredRound } from '@shared/rounds/round';

/** A response as stored: the image the fold reads plus bookkeeping. */
export interface StoredResponseItem extends ResponseImage {
  /** The roster household this response is about, when known. */
  householdCode?: string;
  channel: 'collector' | 'self';
  /** Hash of the canonical body: an identical replay is recognised without a write. */
  bodyHash: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Absent on responses stored before review existed: submitted. */
  review?: Review;
  /** Why this version was written, when someone had to say (an admin's correction, a merged duplicate). */
  changeReason?: ChangeReason;
}

export interface ResponsesPageQuery {
  roundId: string;
  wardCode: string;
  villageCode?: string;
  limit: number;
  cursor?: string;
}

/** Outcome of a conditional write: written, or refused with the item as stored then (undefined: none). */
export type ConditionalWrite<T> = { ok: true } | { ok: false; current: T | undefined };

/**
 * Outcome of a response write. A response with a `householdCode` claims that household in its round and ward
 * (one claim item per round, ward and code, naming the response): `claimedBy` is the other response that holds
 * the claim when that refused the write.
 */
export type ResponseWrite = { ok: true } | { ok: false; current: StoredResponseItem | undefined; claimedBy?: string };

/** Where a household's claim is kept: the fields of a response that name it. */
export type ClaimFields = Pick<StoredResponseItem, 'roundId' | 'wardCode' | 'householdCode'>;

export interface ResponsesRepo {
  /** Strongly consistent; tombstones included. */
  get(id: string): Promise<StoredResponseItem | undefined>;
  /**
   * Writes a new response (with its household's claim, in one transaction, when it has a householdCode); refused
   * with the stored one when the id already exists, or with `claimedBy` when another response holds the household.
   */
  create(item: StoredResponseItem): Promise<ResponseWrite>;
  /**
   * Replaces a live response at `expectedVersion`; refused with the stored one when its version differs or it was
   * deleted. When the household changed from `previous`'s, the claim moves with it (refused with `claimedBy`).
   */
  replace(item: StoredResponseItem, expectedVersion: number, previous?: ClaimFields): Promise<ResponseWrite>;
  /** Turns a live response at `expectedVersion` into a tombstone and releases its claim; refused with the stored one on a version mismatch. */
  markDeleted(tombstone: StoredResponseItem, expectedVersion: number): Promise<ResponseWrite>;
  /** The response that holds a household's claim, if any (strongly consistent). */
  claimOf(claim: ClaimFields): Promise<string | undefined>;
  /** Live responses of one ward (optionally one village), paged. */
  listByWard(query: ResponsesPageQuery): Promise<{ items: StoredResponseItem[]; cursor?: string }>;
  /**
   * Every stored response of a round in one ward (or one `villageCode` of it), tombstones included (recompute,
   * exports, link states); `pageSize` items per read.
   */
  listAllInWard(roundId: string, wardCode: string, options?: { pageSize?: number; villageCode?: string }): AsyncIterable<StoredResponseItem>;
}

export interface WardTally {
  wardCode: string;
  tally: Tally;
  updatedAt: string | null;
}

/** One stored aggregate row: a ward's share written by batches that drew this slot. */
export interface AggregateRow {
  wardCode: string;
  /** The review bucket (absent: submitted responses, the rows as they were before review). */
  bucket?: ReviewBucket;
  slot: number;
  tally: Tally;
  /** Bumped by every write, so a repair can be conditional on nothing having moved since it read. */
  rev: number;
  updatedAt: string | null;
}

export interface AggregatesRepo {
  /** Ledger entries of these responses (strongly consistent); absent ones are missing from the map. */
  readLedger(responseIds: readonly string[]): Promise<Map<string, LedgerEntry>>;
  /**
   * Applies a plan atomically: ledger entries (conditional on their expected versions) and one aggregate
   * update per ward. Resolves false when a ledger condition failed (someone folded first), writing nothing.
   */
  applyPlan(plan: FoldPlan, slot: number, now: string): Promise<boolean>;
  /** Every aggregate row of a round (strongly consistent). */
  readRoundRows(roundId: string): Promise<AggregateRow[]>;
  /**
   * Adds `correction` to a ward's counts (drift repair) on condition that none of `rowsRead` changed since
   * they were read; false when one did.
   */
  correctWard(
    roundId: string,
    wardCode: string,
    correction: Tally,
    rowsRead: readonly AggregateRow[],
    slots: number,
    now: string,
    bucket?: ReviewBucket,
  ): Promise<boolean>;
}

export interface LocalUserRecord {
  username: string;
  passwordHash: string;
  role: 'admin' | 'official' | 'collector';
  areas: string[];
  /** The set `areas` are read in; absent: the installation's own. */
  areaSetId?: string;
}

export interface ReferenceRepo {
  listAreas(): Promise<Area[]>;
  putAreas(areas: readonly Area[]): Promise<void>;
  /** Newest first (by opensAt). */
  listRounds(): Promise<StoredRound[]>;
  getRound(id: string): Promise<StoredRound | undefined>;
  putRound(round: StoredRound): Promise<void>;
  getLocalUser(username: string): Promise<LocalUserRecord | undefined>;
  putLocalUser(user: LocalUserRecord): Promise<void>;
  deleteLocalUser(username: string): Promise<void>;
}

// Area sets: the administrative map as versioned data. Sets never change once stored.
export interface AreaSetsRepo {
  /** Every stored set, oldest first (by effectiveFrom). */
  list(): Promise<AreaSetMeta[]>;
  get(id: string): Promise<AreaSetMeta | undefined>;
  /** The set's units in the order they were put (empty for an unknown set). */
  listUnits(id: string): Promise<Area[]>;
  /** The units whose parent is `parentCode`, in set order; one Query (empty for an unknown set or parent). */
  listChildren(id: string, parentCode: string): Promise<Area[]>;
  /** The units of one level, in set order; one Query above the village level. */
  listLevel(id: string, level: AreaLevel): Promise<Area[]>;
  /** The links from `fromSetId` stored with set `id`; undefined when the set carries no such mapping. */
  getMapping(id: string, fromSetId: string): Promise<MappingLink[] | undefined>;
  /** Stores the whole set and its mappings; false (and nothing visible) when the id is taken. */
  put(set: AreaSet): Promise<boolean>;
}

// Household rosters, kept per area set: a ward code means something only within its set (14812 is Ba Đình in
// bim-son-2020 and Phường Bỉm Sơn in bim-son-2025). An import is staged under its own id and made visible by
// switching each ward's pointer in one transaction, so a failed import leaves nothing visible.
// `areaSetId` absent (or the installation's own set) reads and writes the rosters stored before sets existed.
export interface RosterRepo {
  /** The current roster pointer of every ward of the set that has one. */
  listWardRosters(areaSetId?: string): Promise<WardRoster[]>;
  getWardRoster(wardCode: string, areaSetId?: string): Promise<WardRoster | undefined>;
  /**
   * Entries of the import a ward pointer names (optionally one village), sorted by village then household code.
   * The caller reads the pointer once and passes it, so the entries always belong to that one import (and set:
   * a pointer of another set than the installation's carries its `areaSetId`).
   */
  listEntries(pointer: Pick<WardRoster, 'wardCode' | 'importId' | 'areaSetId'>, villageCode?: string): Promise<RosterEntry[]>;
  /** Writes entries under `importId` in the set; invisible until published. */
  stageEntries(importId: string, entries: readonly RosterEntry[], areaSetId?: string): Promise<void>;
  /**
   * Points each ward of the set at its new import, all or none, on condition that each ward still points where
   * `previous` says (null: no roster yet). False when one moved (a concurrent import), writing nothing.
   */
  publish(next: readonly WardRoster[], previous: ReadonlyMap<string, string | null>, areaSetId?: string): Promise<boolean>;
  /** Deletes the entries of an import no pointer refers to (a replaced or abandoned one). */
  discardImport(wardCode: string, importId: string, areaSetId?: string): Promise<void>;
}

// ---- self-report links ----

/** One self-report link as stored (its token is not stored: it is re-signed from these fields when listed). */
export interface LinkRecord {
  linkId: string;
  roundId: string;
  wardCode: string;
  villageCode: string;
  householdCode?: string;
  headName?: string;
  /** The household's address on the roster when the link was made for a roster household: the form starts with it. */
  address?: string;
  /** Id of the link key that made the link's short code (none: a link from before short codes). */
  codeKid?: string;
  /** The short code's index key (an HMAC of the code, never the code): also stored as its own lookup entry. */
  codeHash?: string;
  /** The round's close when the link was made: the token's expiry. */
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** Where a short code's index entry points. */
export interface LinkCodeEntry {
  roundId: string;
  villageCode: string;
  linkId: string;
}

export interface LinksRepo {
  /** Stores new links (ids are random: never overwrites in practice), and the code index entry of each that has a `codeHash`. */
  putLinks(links: readonly LinkRecord[]): Promise<void>;
  /** Strongly consistent, so a revocation holds from the next request on. */
  getLink(roundId: string, villageCode: string, linkId: string): Promise<LinkRecord | undefined>;
  /** Every link of one village in a round, oldest first. */
  listLinks(roundId: string, villageCode: string): Promise<LinkRecord[]>;
  /** Marks a link revoked; false when it does not exist or was revoked already. */
  revokeLink(roundId: string, villageCode: string, linkId: string, revokedAt: string, revokedBy: string): Promise<boolean>;
  /** The link a short code's index key points to (strongly consistent); undefined when no code has it. */
  getLinkCode(codeHash: string): Promise<LinkCodeEntry | undefined>;
}

// ---- failed sign-in attempts ----

/** Failed attempts counted under one key (a username or a client address) within the forgetting window. */
export interface FailedAttempts {
  failures: number;
  lastFailureAt: string;
}

export interface AttemptsRepo {
  /** The live count of `key` (strongly consistent); undefined when none or forgotten. */
  get(key: string, now: Date): Promise<FailedAttempts | undefined>;
  /** Counts one more failure, atomically; the count is forgotten `forgetAfterSeconds` after this failure. */
  recordFailure(key: string, now: Date, forgetAfterSeconds: number): Promise<FailedAttempts>;
  /** Forgets the count (a successful sign-in). */
  clear(key: string): Promise<void>;
}

/** Per-user session cut-offs: tokens of sign-ins before `validAfter` are refused. */
export interface SessionsRepo {
  getValidAfter(username: string): Promise<string | undefined>;
  setValidAfter(username: string, validAfter: string): Promise<void>;
}

// ---- questionnaires ----

export type SurveyStatus = 'draft' | 'published';

/** One version of a questionnaire. A published version never changes. */
export interface SurveyRecord {
  id: string;
  version: number;
  status: SurveyStatus;
  title: Label;
  definition: Definition;
  createdBy: string;
  createdAt: string;
  publishedBy?: string;
  publishedAt?: string;
}

export interface SurveysRepo {
  get(id: string, version: number): Promise<SurveyRecord | undefined>;
  /** Every version of every survey, by id then version. */
  list(): Promise<SurveyRecord[]>;
  /** Every version of one survey, oldest first. */
  listVersions(id: string): Promise<SurveyRecord[]>;
  /** Writes (or replaces) a draft; refused with the stored version when that one is published. */
  putDraft(record: SurveyRecord): Promise<ConditionalWrite<SurveyRecord>>;
  /** Marks a draft published; refused with the stored version (undefined: none) unless it is a draft. */
  publish(id: string, version: number, publishedAt: string, publishedBy: string): Promise<ConditionalWrite<SurveyRecord>>;
}

// ---- export jobs ----

/** One export job as stored. Its id is derived from what it exports and the data version it was started at. */
export interface ExportJobRecord {
  id: string;
  roundId: string;
  kind: ExportKind;
  shape?: 'long' | 'wide';
  format: ExportFormat;
  gzip: boolean;
  areaCode: string;
  /** Aggregates re-based onto this area set (`areaCode` is one of its codes); absent: the round's own set. */
  areaSet?: string;
  /** Language of the headers and names (aggregates only; raw responses are language-neutral). */
  lang?: 'vi' | 'en';
  /** The data version the job was keyed by (see services/exports/job-key.ts). */
  dataVersion: string;
  status: ExportJobStatus;
  rows: number;
  bytes: number;
  /** Object key of the file in the exports bucket. */
  fileKey: string;
  fileName: string;
  error?: string;
  createdBy: string;
  createdAt: string;
  /** Bumped on every write (progress included): a running job whose updatedAt is old has died. */
  updatedAt: string;
  finishedAt?: string;
}

export type ExportJobPatch = Partial<Pick<ExportJobRecord, 'status' | 'rows' | 'bytes' | 'error' | 'finishedAt'>> & { updatedAt: string };

export interface ExportJobsRepo {
  /** Strongly consistent. */
  get(id: string): Promise<ExportJobRecord | undefined>;
  /** Stores a new job; refused with the stored one when the id exists (the same export was asked already). */
  create(job: ExportJobRecord): Promise<ConditionalWrite<ExportJobRecord>>;
  /** Replaces a failed or dead job with a fresh one, on condition that it was not written since `seenUpdatedAt`. */
  replace(job: ExportJobRecord, seenUpdatedAt: string): Promise<ConditionalWrite<ExportJobRecord>>;
  /** Records progress or the outcome of an existing job. */
  update(id: string, patch: ExportJobPatch): Promise<void>;
  /** Adds `count` to a round's responses change counter (the stream handler, once per batch). */
  addResponseChanges(roundId: string, count: number): Promise<void>;
  /** The round's responses change counter; 0 before any change. */
  responseChanges(roundId: string): Promise<number>;
}

/** Each round's counting state: which indicator lists its aggregate generations count. */
export interface CountingsRepo {
  /** Strongly consistent; undefined before the round's list was first edited. */
  get(roundId: string): Promise<CountingState | undefined>;
  /** Writes `state` if the stored rev is still `expectedRev` (null: no state stored yet); false otherwise. */
  put(state: CountingState, expectedRev: number | null): Promise<boolean>;
}

/** A history entry as kept: one per response version (and per duplicate decision), never rewritten. */
export interface StoredHistoryEntry extends HistoryEntry {
  responseId: string;
  /** Sort key within the response's history: the zero-padded version, then what else made the entry. */
  key: string;
}

/** The append-only history of every response (kept beside the aggregates, written by the stream handler). */
export interface HistoryRepo {
  /** Appends entries; one already stored under its key (a replayed stream record) is left as it was. */
  append(entries: readonly StoredHistoryEntry[]): Promise<void>;
  /** A response's entries, oldest first. */
  list(responseId: string): Promise<StoredHistoryEntry[]>;
}

/** A reviewer's decision that two responses are two households (so they are not listed as duplicates again). */
export interface KeptPair {
  roundId: string;
  wardCode: string;
  /** The pair's key: the two ids, the smaller first, joined by '#'. */
  pair: string;
  by: string;
  at: string;
}

export interface DuplicatesRepo {
  /** Every pair kept apart in one ward of a round. */
  listKept(roundId: string, wardCode: string): Promise<KeptPair[]>;
  putKept(pair: KeptPair): Promise<void>;
}

export interface Repository {
  responses: ResponsesRepo;
  history: HistoryRepo;
  duplicates: DuplicatesRepo;
  aggregates: AggregatesRepo;
  countings: CountingsRepo;
  reference: ReferenceRepo;
  areaSets: AreaSetsRepo;
  roster: RosterRepo;
  links: LinksRepo;
  attempts: AttemptsRepo;
  sessions: SessionsRepo;
  surveys: SurveysRepo;
  exportJobs: ExportJobsRepo;
}
