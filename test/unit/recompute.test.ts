import { tallyOf } from '@shared/indicators/tally';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldRecords } from '../../functions/lib/services/results/fold-records';
import { type RecomputeDeps, recomputeRound } from '../../functions/lib/services/results/recompute';
import { answers, normalized, SMALL_TREE, storedItem, storedWardTallies, trueWardTallies } from '../support/fold-harness';
import { createMemoryRepository, type MemoryRepository } from '../support/memory-repo';

const ROUND = 'r1';
const NOW = () => new Date('2026-01-03T00:00:00Z');
const [body, otherBody] = fc.sample(answers, { numRuns: 2, seed: 7 });

function depsOf(repo: MemoryRepository, overrides: Partial<RecomputeDeps> = {}): RecomputeDeps {
  return { responses: repo.responses, aggregates: repo.aggregates, areaTree: async () => SMALL_TREE, slots: 2, clock: NOW, ...overrides };
}

/** Three households in W1 and one in W3, all folded. */
async function foldedRound() {
  const repo = createMemoryRepository();
  for (const id of ['a', 'b', 'c']) await repo.responses.create(storedItem(id, ROUND, 'W1', 'W1-v1', 1, body));
  await repo.responses.create(storedItem('d', ROUND, 'W3', 'W3-v2', 1, otherBody));
  await foldRecords(repo.changes, repo.aggregates, { slot: 1, now: NOW });
  return repo;
}

async function expectExact(repo: MemoryRepository) {
  const stored = storedWardTallies(await repo.aggregates.readRoundRows(ROUND));
  expect(normalized(stored)).toEqual(normalized(trueWardTallies(repo.responseItems.values(), ROUND)));
}

describe('recomputeRound', () => {
  it('finds no drift in exact aggregates and writes nothing', async () => {
    const repo = await foldedRound();
    const writes = repo.aggregateWrites;

    const report = await recomputeRound(ROUND, depsOf(repo));

    expect(report).toEqual({ roundId: ROUND, checkedWards: 3, responses: 4, deleted: 0, lagging: 0, drift: [], repaired: [], remaining: [], passes: 1 });
    expect(repo.aggregateWrites).toBe(writes);
  });

  it('reports corrupted counters at ward, district and province level and repairs them', async () => {
    const repo = await foldedRound();
    const row = repo.rows.get(`${ROUND}#W1#1`)!;
    repo.rows.set(`${ROUND}#W1#1`, { ...row, tally: { ...row.tally, households: 5, n_pop_ehr: (row.tally.n_pop_ehr ?? 0) + 2 } });

    const report = await recomputeRound(ROUND, depsOf(repo));

    const ehr = tallyOf({ ...body, referenceYear: 2024 }).n_pop_ehr ?? 0;
    const ehrW3 = tallyOf({ ...otherBody, referenceYear: 2024 }).n_pop_ehr ?? 0;
    expect(report.drift).toEqual([
      { areaCode: 'W1', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 5, true: 3 },
      { areaCode: 'W1', areaLevel: 'ward', indicatorId: 'pop_ehr', field: 'numerator', stored: 3 * ehr + 2, true: 3 * ehr },
      { areaCode: 'D1', areaLevel: 'district', indicatorId: 'households', field: 'count', stored: 5, true: 3 },
      { areaCode: 'D1', areaLevel: 'district', indicatorId: 'pop_ehr', field: 'numerator', stored: 3 * ehr + 2, true: 3 * ehr },
      { areaCode: 'P', areaLevel: 'province', indicatorId: 'households', field: 'count', stored: 6, true: 4 },
      { areaCode: 'P', areaLevel: 'province', indicatorId: 'pop_ehr', field: 'numerator', stored: 3 * ehr + ehrW3 + 2, true: 3 * ehr + ehrW3 },
    ]);
    expect(report.repaired).toEqual(
      expect.arrayContaining([
        { wardCode: 'W1', indicatorId: 'households', field: 'count', before: 5, after: 3 },
        { wardCode: 'W1', indicatorId: 'pop_ehr', field: 'numerator', before: 3 * ehr + 2, after: 3 * ehr },
      ]),
    );
    expect(report.repaired).toHaveLength(2);
    expect(report).toMatchObject({ lagging: 0, remaining: [], passes: 2 });
    await expectExact(repo);
  });

  it('folds responses whose ledger lags behind instead of correcting their ward', async () => {
    const repo = await foldedRound();
    await repo.responses.create(storedItem('e', ROUND, 'W2', 'W2-v1', 1, body));
    await repo.responses.replace(storedItem('a', ROUND, 'W1', 'W1-v1', 2, otherBody), 1);
    await repo.responses.markDeleted({ ...(await repo.responses.get('b'))!, version: 2, deletedAt: NOW().toISOString() }, 1);

    const report = await recomputeRound(ROUND, depsOf(repo));

    expect(report).toMatchObject({ responses: 4, deleted: 1, lagging: 3, repaired: [], remaining: [], passes: 2 });
    expect(report.drift).toContainEqual({ areaCode: 'W2', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 0, true: 1 });
    expect(report.drift).toContainEqual({ areaCode: 'W1', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 3, true: 2 });
    await expectExact(repo);
    // The stream catching up later finds the ledger ahead and changes nothing.
    await foldRecords(repo.changes, repo.aggregates, { slot: 0, now: NOW });
    await expectExact(repo);
  });

  it('follows a household moved to a ward of another district: both districts drift, the province does not', async () => {
    const repo = await foldedRound();
    await repo.responses.replace(storedItem('c', ROUND, 'W3', 'W3-v1', 2, body), 1);

    const report = await recomputeRound(ROUND, depsOf(repo));

    const households = report.drift.filter((d) => d.indicatorId === 'households');
    expect(households).toEqual([
      { areaCode: 'W1', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 3, true: 2 },
      { areaCode: 'W3', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 1, true: 2 },
      { areaCode: 'D1', areaLevel: 'district', indicatorId: 'households', field: 'count', stored: 3, true: 2 },
      { areaCode: 'D2', areaLevel: 'district', indicatorId: 'households', field: 'count', stored: 1, true: 2 },
    ]);
    expect(report).toMatchObject({ lagging: 1, repaired: [], remaining: [] });
    await expectExact(repo);
  });

  it('removes counts stored under a ward the area tree does not know', async () => {
    const repo = await foldedRound();
    repo.rows.set(`${ROUND}#W9#0`, { roundId: ROUND, wardCode: 'W9', slot: 0, tally: { households: 2 }, rev: 1, updatedAt: null });

    const report = await recomputeRound(ROUND, depsOf(repo));

    expect(report.drift).toEqual([{ areaCode: 'W9', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 2, true: 0 }]);
    expect(report.repaired).toEqual([{ wardCode: 'W9', indicatorId: 'households', field: 'count', before: 2, after: 0 }]);
    expect(report.remaining).toEqual([]);
  });

  it('retries a repair refused because a fold changed the ward after it was read', async () => {
    const repo = await foldedRound();
    const row = repo.rows.get(`${ROUND}#W1#1`)!;
    repo.rows.set(`${ROUND}#W1#1`, { ...row, tally: { ...row.tally, members: 99 } });
    let refusals = 0;
    const aggregates = {
      ...repo.aggregates,
      async correctWard(...args: Parameters<typeof repo.aggregates.correctWard>) {
        if (refusals === 0) {
          refusals += 1;
          // A stream batch lands on the ward between recompute's read and its correction.
          await repo.responses.create(storedItem('late', ROUND, 'W1', 'W1-v2', 1, body));
          await foldRecords(repo.changes.slice(-1), repo.aggregates, { slot: 0, now: NOW });
        }
        return repo.aggregates.correctWard(...args);
      },
    };

    const report = await recomputeRound(ROUND, depsOf(repo, { aggregates }));

    expect(refusals).toBe(1);
    expect(report.repaired).toEqual([
      { wardCode: 'W1', indicatorId: 'members', field: 'count', before: 99 + body.members.length, after: 4 * body.members.length },
    ]);
    expect(report).toMatchObject({ remaining: [], passes: 3 });
    await expectExact(repo);
  });

  it('reads responses with one listing per ward, never a scan', async () => {
    const repo = await foldedRound();
    const listed: string[] = [];
    const responses = {
      ...repo.responses,
      listAllInWard(roundId: string, wardCode: string) {
        listed.push(wardCode);
        return repo.responses.listAllInWard(roundId, wardCode);
      },
    };

    await recomputeRound(ROUND, depsOf(repo, { responses }));

    expect(listed).toEqual(['W1', 'W2', 'W3']);
  });
});
