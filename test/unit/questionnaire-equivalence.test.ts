// household-dx v1 as data behaves as today's hand-written form: the new validator accepts exactly what
// validateResponseBody accepts, with the same issue paths, and the indicator evaluation counts as tally.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyOf } from '../../shared/indicators/tally';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { compileIndicators, tallyOfAnswers } from '../../shared/questionnaire/indicators';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';
import type { Household, Member } from '../../shared/survey/schema';
import { validateResponseBody } from '../../shared/survey/validate';
import { REFERENCE_YEAR, responseBody } from '../support/fixtures';

const ENVELOPE = ['roundId', 'wardCode', 'villageCode', 'householdCode'];
const bool = fc.boolean();

// Valid answers only: the fold only ever sees validated responses.
const validBodyIn = (referenceYear: number) => {
  const adultAnswers = fc.record({
    has_smartphone: bool,
    has_payment_account: bool,
    cashless_essential: bool,
    has_vneid_level2: bool,
    has_digital_signature: bool,
    used_online_public_service: bool,
    used_telehealth: bool,
  });
  const validMember = fc
    .tuple(fc.integer({ min: 0, max: 100 }), bool, adultAnswers, fc.option(fc.constantFrom('male', 'female'), { nil: undefined }))
    .map(
      ([age, has_ehr, adult, sex]) =>
        JSON.parse(JSON.stringify({ birth_year: referenceYear - age, has_ehr, sex, ...(age >= 15 ? adult : {}) })) as Record<string, unknown>,
    );
  const validHousehold = fc.tuple(bool, bool, bool, bool, bool).map(([fiber, internet, electricity, business, shop]) => ({
    head_name: 'Nguyễn Văn A',
    address: 'Khu 1',
    fiber_broadband: fiber,
    internet_any: fiber || internet,
    electricity_cashless: electricity,
    business_household: business,
    ...(business ? { ecommerce_shop: shop } : {}),
  }));
  return fc
    .record({ household: validHousehold, members: fc.array(validMember, { minLength: 1, maxLength: 8 }) })
    .map((answers) => ({ referenceYear, answers }));
};
const validBody = fc.integer({ min: 2020, max: 2030 }).chain(validBodyIn);

const HOUSEHOLD_KEYS = HOUSEHOLD_DX_V1.household.map((q) => q.id);
const MEMBER_KEYS = HOUSEHOLD_DX_V1.members.questions.map((q) => q.id);
const JUNK = [
  undefined,
  undefined,
  true,
  false,
  null,
  'x',
  '   ',
  '  Lê Thị B ',
  'a'.repeat(101),
  'a'.repeat(201),
  1980.5,
  1899,
  1900,
  2009,
  2010,
  REFERENCE_YEAR,
  REFERENCE_YEAR + 1,
  '0912345678',
  '0112345678',
  'male',
  'other',
  3,
  [],
  {},
];
const mutation = fc.record({ where: fc.nat(), key: fc.constantFrom(...HOUSEHOLD_KEYS, ...MEMBER_KEYS, 'extra'), value: fc.constantFrom(...JUNK) });
const STRUCTURAL = [
  (b: Record<string, unknown>) => {
    delete b.household;
  },
  (b: Record<string, unknown>) => {
    b.household = 'h';
  },
  (b: Record<string, unknown>) => {
    b.members = [];
  },
  (b: Record<string, unknown>) => {
    b.members = 'none';
  },
  (b: Record<string, unknown>) => {
    (b.members as unknown[]).push(1);
  },
  (b: Record<string, unknown>) => {
    b.members = Array.from({ length: 31 }, () => ({ birth_year: 1990, has_ehr: true }));
  },
  (b: Record<string, unknown>) => {
    b.extra = 1;
  },
];

// Valid answers at a fixed reference year, then a few random changes: near-valid bodies, where the rules bite.
const body = fc
  .tuple(
    validBodyIn(REFERENCE_YEAR).map((v) => v.answers),
    fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 3 })),
    fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...STRUCTURAL) }),
  )
  .map(([answers, mutations, structural]) => {
    const envelope = responseBody();
    const out: Record<string, unknown> = structuredClone({
      roundId: envelope.roundId,
      wardCode: envelope.wardCode,
      villageCode: envelope.villageCode,
      ...answers,
    });
    const members = out.members as Record<string, unknown>[];
    for (const { where, key, value } of mutations) {
      const target = (where % (members.length + 1) === 0 ? out.household : members[(where % (members.length + 1)) - 1]) as Record<string, unknown>;
      if (value === undefined) delete target[key];
      else target[key] = value;
    }
    structural?.(out);
    return out;
  });

// Distinct paths: zod also runs a text's length check on an array given for it, reporting that path twice.
const sortedPaths = (issues: { path: string }[]) => [...new Set(issues.map((i) => i.path))].sort();

describe('household-dx v1 as data', () => {
  it('accepts exactly what validateResponseBody accepts, with the same issue paths and the same normalised answers', () => {
    fc.assert(
      fc.property(body, (input) => {
        const today = validateResponseBody(input, REFERENCE_YEAR);
        const next = validateAnswers(HOUSEHOLD_DX_V1, input, { referenceYear: REFERENCE_YEAR, allowKeys: ENVELOPE });
        expect(next.ok).toBe(today.ok);
        if (today.ok && next.ok) {
          expect(next.value.household).toEqual(today.value.household);
          expect(next.value.members).toEqual(today.value.members);
        } else if (!today.ok && !next.ok) {
          expect(sortedPaths(next.issues)).toEqual(sortedPaths(today.issues));
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('finds some valid bodies (the generator is not all noise)', () => {
    const samples = fc.sample(body, { numRuns: 500, seed: 2026 });
    const valid = samples.filter((input) => validateResponseBody(input, REFERENCE_YEAR).ok).length;
    expect(valid).toBeGreaterThan(50);
    expect(valid).toBeLessThan(450);
  });

  it('gives every valid household the same indicator counts as tally.ts', () => {
    const compiled = compileIndicators(HOUSEHOLD_DX_V1, HOUSEHOLD_DX_V1.indicators);
    fc.assert(
      fc.property(validBody, ({ referenceYear, answers }) => {
        expect(validateResponseBody({ ...responseBody(), ...answers }, referenceYear).ok).toBe(true);
        const expected = tallyOf({ referenceYear, ...(answers as { household: Household; members: Member[] }) });
        expect(tallyOfAnswers(compiled, answers, referenceYear)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});
