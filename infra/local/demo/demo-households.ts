// Plausible made-up households for a demo: answers drawn per ward with the ward's own leaning, so the results
// page shows wards that differ, some above and some below their targets. Pure and seeded: the same seed gives
// the same households. Never used for real data.
import type { Member, ResponseBody } from '@shared/survey/schema';

export type Random = () => number;

/** A small seeded generator (mulberry32): repeatable demos without a dependency. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Tâm', 'Thảo', 'Trung'];
const STREETS = ['Trần Phú', 'Lê Lợi', 'Nguyễn Huệ', 'Bà Triệu', 'Quang Trung', 'Hai Bà Trưng'];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * One household of a ward whose digital uptake is `leaning` (0..1): higher means more fibre, smartphones,
 * cashless payments. Ages, relevance (questions for 15+ only) and the fibre ⇒ Internet rule are respected.
 */
export function demoHousehold(
  random: Random,
  target: Pick<ResponseBody, 'roundId' | 'wardCode' | 'villageCode'>,
  referenceYear: number,
  leaning: number,
): ResponseBody {
  const yes = (base: number) => random() < Math.min(0.98, Math.max(0.02, base + (leaning - 0.5) * 0.5));
  const family = pick(random, FAMILY);
  const fiber = yes(0.7);
  const business = random() < 0.25;
  const adults = 1 + Math.floor(random() * 3);
  const children = Math.floor(random() * 3);
  const member = (age: number): Member => {
    const base: Member = {
      name: `${family} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`,
      birth_year: referenceYear - age,
      sex: random() < 0.5 ? 'male' : 'female',
      has_ehr: yes(0.6),
    };
    if (age < 15) return base;
    const smartphone = yes(age > 65 ? 0.45 : 0.85);
    return {
      ...base,
      has_smartphone: smartphone,
      has_payment_account: yes(smartphone ? 0.85 : 0.3),
      cashless_essential: yes(smartphone ? 0.7 : 0.15),
      has_vneid_level2: yes(0.75),
      has_digital_signature: yes(0.15),
      used_online_public_service: yes(smartphone ? 0.6 : 0.1),
      used_telehealth: yes(0.12),
    };
  };
  return {
    ...target,
    household: {
      head_name: `${family} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`,
      address: `Số ${1 + Math.floor(random() * 200)}, đường ${pick(random, STREETS)}`,
      fiber_broadband: fiber,
      internet_any: fiber || yes(0.8),
      electricity_cashless: yes(0.65),
      business_household: business,
      ...(business ? { ecommerce_shop: yes(0.3) } : {}),
    },
    members: [
      ...Array.from({ length: adults }, () => member(18 + Math.floor(random() * 62))),
      ...Array.from({ length: children }, () => member(1 + Math.floor(random() * 16))),
    ],
  };
}
