// The generated households of `bench:export`: deterministic, 1–6 members, answers varied by their index, spread
// over Bim Sơn's wards and villages. Shared by the bench (which writes them into DynamoDB Local) and the export
// server (which can read them from a generated source instead, for the province-sized job).
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import type { StoredResponseItem } from '../../functions/lib/repo/types';
import { adult, child } from '../support/fixtures';

export const ROUND_ID = 'cds-2024';
export const WARDS = BIM_SON_AREAS.filter((a) => a.level === 'ward').map((w) => w.code);
const VILLAGES = new Map(WARDS.map((ward) => [ward, BIM_SON_AREAS.filter((a) => a.parentCode === ward).map((v) => v.code)]));

/** Household `i`: 1 + (i mod 6) members. */
export function household(i: number): StoredResponseItem {
  const wardCode = WARDS[i % WARDS.length];
  const villages = VILLAGES.get(wardCode)!;
  const members = Array.from({ length: 1 + (i % 6) }, (_, m) =>
    m % 3 === 2 ? child(2012 + (i % 10)) : adult({ name: `Thành viên ${m + 1} hộ ${i}`, has_smartphone: (i + m) % 4 !== 0 }),
  );
  const at = new Date(Date.UTC(2024, 9, 1) + i * 1000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    roundId: ROUND_ID,
    wardCode,
    villageCode: villages[i % villages.length],
    householdCode: `HH-${i}`,
    version: 1,
    referenceYear: 2024,
    household: {
      head_name: `Nguyễn Văn Hộ ${i}`,
      address: `Số ${i}, đường Trần Phú`,
      phone: '0912345678',
      fiber_broadband: i % 5 !== 0,
      internet_any: true,
      electricity_cashless: i % 3 !== 0,
      business_household: i % 7 === 0,
      ...(i % 7 === 0 ? { ecommerce_shop: i % 2 === 0 } : {}),
    },
    members,
    channel: 'collector',
    bodyHash: `bench-${i}`,
    createdBy: 'bench',
    createdAt: at,
    updatedBy: 'bench',
    updatedAt: at,
  } as StoredResponseItem;
}

/** Long-shape rows of the first `households` households (one per member). */
export const memberRowsOf = (households: number) => Array.from({ length: households }, (_, i) => 1 + (i % 6)).reduce((a, b) => a + b, 0);

/**
 * `listAllInWard` over generated households instead of DynamoDB Local: the ward's households in pages of
 * `pageSize` (a Query page), yielding to the event loop between pages as a network read would. With `pace`
 * (households per second, the whole source) a page waits until the pace allows it.
 */
export function generatedListAllInWard(households: number, pace = 0) {
  const started = performance.now();
  let served = 0;
  return async function* listAllInWard(roundId: string, wardCode: string, options: { pageSize?: number } = {}) {
    const ward = WARDS.indexOf(wardCode);
    if (roundId !== ROUND_ID || ward < 0) return;
    const pageSize = options.pageSize ?? 500;
    let page = 0;
    for (let i = ward; i < households; i += WARDS.length) {
      yield household(i);
      served += 1;
      page += 1;
      if (page < pageSize) continue;
      page = 0;
      const due = pace > 0 ? started + (served / pace) * 1000 - performance.now() : 0;
      await new Promise((resume) => (due > 0 ? setTimeout(resume, due) : setImmediate(resume)));
    }
  };
}
