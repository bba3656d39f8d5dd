import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import type { ChangeRecord } from '@shared/aggregation/fold';
import fc from 'fast-check';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { type Answers, answers, storedItem } from '../support/fold-harness';
import { benchListFold } from './indicator-lists';
const WARDS = BIM_SON_AREAS.filter((a) => a.level === 'ward').map((w) => w.code);
const VILLAGES = new Map(WARDS.map((ward) => [ward, BIM_SON_AREAS.filter((a) => a.parentCode === ward).map((v) => v.code)]));
const BODIES: Answers[] = fc.sample(answers, { numRuns: 64, seed: 2024 });
const pick = <T>(items: readonly T[], i: number) => items[i % items.length];

/** Creates, then edits (a fifth move ward) and deletes, as stream records in write order. */
function generateRecords(count: number, responses: number, wards: readonly string[]): ChangeRecord[] {
  const current = new Map<number, StoredResponseItem>();
  const records: ChangeRecord[] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = 0; records.length < count; i += 1) {
    const n = Math.floor(random() * responses);
    const found = current.get(n);
    // A deleted response stays deleted: slot n gets a new response (an INSERT, no old image).
    const old = found?.deletedAt ? undefined : found;
    let next: StoredResponseItem;
    if (!old) {
      const ward = pick(wards, Math.floor(random() * wards.length));
      next = storedItem(`r${n}-${i}`, 'bench', ward, pick(VILLAGES.get(ward) ?? [ward], i), 1, pick(BODIES, i));
    } else if (random() < 0.1) {
      next = { ...old, version: old.version + 1, deletedAt: '2026-01-01T00:00:00Z' };
    } else {
      const ward = random() < 0.2 ? pick(wards, Math.floor(random() * wards.length)) : old.wardCode;
      next = storedItem(old.id, 'bench', ward, pick(VILLAGES.get(ward) ?? [ward], i), old.version + 1, pick(BODIES, i));
    }
    records.push({ sequenceNumber: String(1000 + records.length), oldImage: old, newImage: next });
    current.set(n, next);
  }
  return records;
}

const records = generateRecords(200_000, 20_000, WARDS);
for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) console.log(Math.round(benchListFold(records)));
