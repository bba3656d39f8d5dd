// Shared by the fold's property tests: random household answers, a small area tree, the oracle (a full
// recompute from the stored responses) and the Lambda event shape of change records.
import { marshall } from '@aws-sdk/util-dynamodb';
import { type ChangeRecord, splitPlan } from '@shared/aggregation/fold';
import type { AggregateLevel } from '@shared/api/contract';
import { type Area, AreaTree } from '@shared/areas/areas';
import { addTally, type Tally, tallyOf } from '@shared/indicators/tally';
import type { Household, Member } from '@shared/survey/schema';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import type { AggregateRow, AggregatesRepo, ResponsesRepo, StoredResponseItem } from '../../functions/lib/repo/types';
import { buildAggregates, wardTallies } from '../../functions/lib/services/results/read-aggregates';

/** Two districts, three wards, two villages each: enough to move households across every level. */
export const SMALL_AREAS: Area[] = [
  { code: 'P', name: 'Province', level: 'province', parentCode: null },
  { code: 'D1', name: 'District 1', level: 'district', parentCode: 'P' },
  { code: 'D2', name: 'District 2', level: 'district', parentCode: 'P' },
  { code: 'W1', name: 'Ward 1', level: 'ward', parentCode: 'D1', households: null },
  { code: 'W2', name: 'Ward 2', level: 'ward', parentCode: 'D1', households: null },
  { code: 'W3', name: 'Ward 3', level: 'ward', parentCode: 'D2', households: null },
  ...['W1', 'W2', 'W3'].flatMap((ward) =>
    [1, 2].map((n): Area => ({ code: `${ward}-v${n}`, name: `${ward} village ${n}`, level: 'village', parentCode: ward })),
  ),
];
export const SMALL_TREE = new AreaTree(SMALL_AREAS);
export const SMALL_WARDS = ['W1', 'W2', 'W3'];

export interface Answers {
  household: Household;
  members: Member[];
}

const member: fc.Arbitrary<Member> = fc
  .record({
    birth_year: fc.constantFrom(1950, 1984, 2006, 2009, 2015),
    has_ehr: fc.boolean(),
    has_smartphone: fc.boolean(),
    has_payment_account: fc.boolean(),
    cashless_essential: fc.boolean(),
    has_vneid_level2: fc.boolean(),
    has_digital_signature: fc.boolean(),
    used_online_public_service: fc.boolean(),
    used_telehealth: fc.boolean(),
  })
  .map(({ birth_year, has_ehr, ...rest }) => {
    const age = 2024 - birth_year;
    if (age < 15) return { birth_year, has_ehr };
    const { has_smartphone, has_digital_signature, used_online_public_service, used_telehealth, ...p15 } = rest;
    return age < 18 ? { birth_year, has_ehr, ...p15 } : { birth_year, has_ehr, ...rest };
  });

export const answers: fc.Arbitrary<Answers> = fc
  .record({
    internet_any: fc.boolean(),
    fiber: fc.boolean(),
    electricity_cashless: fc.boolean(),
    business_household: fc.boolean(),
    ecommerce_shop: fc.boolean(),
    members: fc.array(member, { minLength: 1, maxLength: 4 }),
  })
  .map(({ internet_any, fiber, electricity_cashless, business_household, ecommerce_shop, members }) => ({
    household: {
      head_name: 'Chủ hộ',
      address: 'Địa chỉ',
      fiber_broadband: internet_any && fiber,
      internet_any,
      electricity_cashless,
      business_household,
      ...(business_household ? { ecommerce_shop } : {}),
    },
    members,
  }));

/** A stored response item as the API would write it. */
export function storedItem(
  id: string,
  roundId: string,
  wardCode: string,
  villageCode: string,
  version: number,
  body: Answers,
  deletedAt?: string,
): StoredResponseItem {
  return {
    id,
    roundId,
    wardCode,
    villageCode,
    version,
    referenceYear: 2024,
    household: body.household,
    members: body.members,
    channel: 'collector',
    bodyHash: `${id}:${version}`,
    createdBy: 'test',
    createdAt: '2026-01-01T00:00:00Z',
    updatedBy: 'test',
    updatedAt: '2026-01-01T00:00:00Z',
    ...(deletedAt ? { deletedAt } : {}),
  };
}

/** The oracle: per ward, what the live responses add up to. */
export function trueWardTallies(items: Iterable<StoredResponseItem>, roundId: string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    if (item.roundId !== roundId || item.deletedAt) continue;
    tallies.set(item.wardCode, addTally(tallies.get(item.wardCode) ?? {}, tallyOf(item)));
  }
  return tallies;
}

/** Ward tallies as rows, so the oracle goes through the same read path as the stored aggregates. */
export function rowsOf(tallies: ReadonlyMap<string, Tally>): AggregateRow[] {
  return [...tallies].map(([wardCode, tally]) => ({ wardCode, slot: 0, tally, rev: 1, updatedAt: null }));
}

/** Every ward, district and province figure, without the write time. */
export function allLevels(roundId: string, tree: AreaTree, rows: readonly AggregateRow[]) {
  return (['ward', 'district', 'province'] as AggregateLevel[]).map((level) => {
    const { updatedAt: _ignored, ...rest } = buildAggregates(
      roundId,
      level,
      tree.ofLevel(level).map((a) => a.code),
      tree,
      rows,
    );
    return rest;
  });
}

/** Ward tallies with zero counters dropped, as plain objects (for readable diffs). */
export function normalized(tallies: ReadonlyMap<string, Tally>): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const [ward, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
    const clean = addTally({}, tally);
    if (Object.keys(clean).length > 0) out[ward] = Object.fromEntries(Object.entries(clean).sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

export const storedWardTallies = (rows: readonly AggregateRow[]) => wardTallies(rows).tallies;

/** A change record in the shape Lambda hands the stream handler. */
export function lambdaRecord(record: ChangeRecord): DynamoDBRecord {
  const image = (value: object | undefined) => (value ? (marshall(value, { removeUndefinedValues: true }) as Record<string, never>) : undefined);
  return {
    eventID: `e${record.sequenceNumber}`,
    eventName: record.newImage ? (record.oldImage ? 'MODIFY' : 'INSERT') : 'REMOVE',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: record.sequenceNumber,
      OldImage: image(record.oldImage),
      NewImage: image(record.newImage),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

export const lambdaEvent = (records: readonly ChangeRecord[]): DynamoDBStreamEvent => ({ Records: records.map(lambdaRecord) });

/** The seed and run count of property tests: FC_SEED / FC_RUNS override them to replay a failure. */
export function propertyParameters(defaultRuns: number): { numRuns: number; seed?: number } {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return { numRuns: Number(process.env.FC_RUNS ?? defaultRuns), ...(seed === undefined ? {} : { seed }) };
}

/** What happens to the responses table: the API's writes, plus a hard delete that only an operator makes. */
export type Op =
  | { kind: 'create'; id: number; ward: number; village: number; body: Answers }
  | { kind: 'edit'; id: number; body: Answers | null; move: 'none' | 'village' | 'ward'; ward: number; village: number }
  | { kind: 'rename'; id: number }
  | { kind: 'delete'; id: number }
  | { kind: 'replay'; id: number }
  | { kind: 'purge'; id: number };

const id = fc.nat(4);
export function opArbitrary({ purge = true }: { purge?: boolean } = {}): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), id, ward: fc.nat(2), village: fc.nat(1), body: answers }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        id,
        body: fc.option(answers, { nil: null }),
        move: fc.constantFrom('none' as const, 'village' as const, 'ward' as const),
        ward: fc.nat(2),
        village: fc.nat(1),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), id }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), id }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), id }) },
    { weight: purge ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('purge' as const), id }) },
  );
}

export interface OpContext {
  roundId: string;
  /** Response id of op id `n` (runs sharing one table use their own prefix). */
  responseId: (n: number) => string;
  responses: Pick<ResponsesRepo, 'get' | 'create' | 'replace' | 'markDeleted'>;
  /** Hard-deletes the item (a stream REMOVE record). */
  purge: (item: StoredResponseItem) => Promise<void>;
  /** Ids hard-deleted so far: never created again (the ledger remembers them). */
  purged: Set<string>;
  wards?: readonly string[];
}

/** Applies one op the way the API would (conditional writes, version bumps, no write for a replay). */
export async function applyOp(op: Op, ctx: OpContext): Promise<void> {
  const wards = ctx.wards ?? SMALL_WARDS;
  const id = ctx.responseId(op.id);
  const current = await ctx.responses.get(id);
  const live = current && !current.deletedAt ? current : undefined;
  switch (op.kind) {
    case 'create': {
      if (current || ctx.purged.has(id)) return;
      const ward = wards[op.ward % wards.length];
      await ctx.responses.create(storedItem(id, ctx.roundId, ward, `${ward}-v${op.village + 1}`, 1, op.body));
      return;
    }
    case 'edit': {
      if (!live) return;
      const ward = op.move === 'ward' ? wards[op.ward % wards.length] : live.wardCode;
      const village = op.move === 'none' ? live.villageCode : `${ward}-v${op.village + 1}`;
      const body = op.body ?? { household: live.household, members: live.members };
      await ctx.responses.replace(storedItem(id, ctx.roundId, ward, village, live.version + 1, body), live.version);
      return;
    }
    case 'rename': {
      if (!live) return;
      const household = { ...live.household, head_name: `${live.household.head_name}'` };
      await ctx.responses.replace(
        storedItem(id, ctx.roundId, live.wardCode, live.villageCode, live.version + 1, { household, members: live.members }),
        live.version,
      );
      return;
    }
    case 'delete': {
      if (!live) return;
      await ctx.responses.markDeleted({ ...live, version: live.version + 1, deletedAt: '2026-01-02T00:00:00Z' }, live.version);
      return;
    }
    case 'replay':
      // An identical PUT is recognised by its body hash and writes nothing: no stream record.
      return;
    case 'purge': {
      if (!current) return;
      ctx.purged.add(id);
      await ctx.purge(current);
      return;
    }
  }
}

/** Applies only the first `parts` transactions of a plan split small, then dies: a crash between writes. */
export function crashingAggregates(real: AggregatesRepo, parts: number): AggregatesRepo {
  return {
    ...real,
    async applyPlan(plan, slot, now) {
      for (const [index, part] of splitPlan(plan, 3).entries()) {
        if (index >= parts) throw new Error('crashed between transaction parts');
        if (!(await real.applyPlan(part, slot, now))) return false;
      }
      return true;
    },
  };
}
