// `npx tsx test/bench/validate.bench.ts`: how fast the questionnaire engine is. Not a test: it prints a table.
//  1. validateAnswers on household-dx v1 (compiled once), beside today's hand-written validateResponseBody;
//  2. the indicator evaluation a stream fold runs: 100,000 households, v1's 12 indicators and a list of 30.
// The budgets: < 1 ms per household to validate; 100,000 households a second with 30 indicators.

import { tallyOf } from '../../shared/indicators/tally';
import { compileDefinition } from '../../shared/questionnaire/compile';
import type { Condition, Indicator } from '../../shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { compileIndicators, tallyOfAnswers } from '../../shared/questionnaire/indicators';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';
import type { Household, Member } from '../../shared/survey/schema';
import { validateResponseBody } from '../../shared/survey/validate';
import { adult, child, responseBody } from '../support/fixtures';

const REFERENCE_YEAR = 2024;
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};

function household(): Record<string, unknown> {
  const size = 1 + Math.floor(random() * 6);
  const members = Array.from({ length: size }, () =>
    random() < 0.75
      ? adult({ birth_year: 1940 + Math.floor(random() * 69), has_smartphone: random() < 0.8, has_ehr: random() < 0.9 })
      : child(2010 + Math.floor(random() * 14)),
  );
  const business = random() < 0.3;
  const base = responseBody({ members });
  return {
    ...base,
    household: { ...base.household, fiber_broadband: random() < 0.8, business_household: business, ...(business ? { ecommerce_shop: random() < 0.4 } : {}) },
  };
}

function time(
  label: string,
  count: number,
  run: (i: number) => void,
): { step: string; count: number; 'total ms': string; 'µs each': string; 'per second': string } {
  for (let i = 0; i < Math.min(count, 2000); i += 1) run(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) run(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return {
    step: label,
    count,
    'total ms': ms.toFixed(1),
    'µs each': ((ms * 1000) / count).toFixed(2),
    'per second': Math.round((count / ms) * 1000).toLocaleString('en'),
  };
}

const bodies = Array.from({ length: 20_000 }, household);
const ENVELOPE = ['roundId', 'wardCode', 'villageCode', 'householdCode'];
const compileStart = process.hrtime.bigint();
const compiled = compileDefinition(HOUSEHOLD_DX_V1);
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

// 30 indicators: v1's 12 and 18 more with populations and numerators of every shape (age bands, any/all/not).
const extra: Indicator[] = Array.from({ length: 18 }, (_, i) => {
  const age = 15 + (i % 4) * 10;
  const numerator: Condition =
    i % 3 === 0
      ? {
          all: [
            { q: 'has_smartphone', eq: true },
            { q: 'has_payment_account', eq: true },
          ],
        }
      : i % 3 === 1
        ? { any: [{ q: 'used_telehealth', eq: true }, { not: { q: 'has_ehr', eq: false } }] }
        : { q: 'sex', in: ['female'] };
  return i % 5 === 0
    ? {
        id: `x${i}`,
        unit: 'household',
        population: { q: 'internet_any', eq: true },
        numerator: { q: 'electricity_cashless', eq: true },
        label: HOUSEHOLD_DX_V1.title,
        target: null,
      }
    : {
        id: `x${i}`,
        unit: 'person',
        population: {
          all: [
            { q: 'age', gte: age },
            { q: 'age', lt: age + 30 },
          ],
        },
        numerator,
        label: HOUSEHOLD_DX_V1.title,
        target: 0.5,
      };
});
const twelve = compileIndicators(HOUSEHOLD_DX_V1, HOUSEHOLD_DX_V1.indicators);
const thirty = compileIndicators(HOUSEHOLD_DX_V1, [...HOUSEHOLD_DX_V1.indicators, ...extra]);
const answers = bodies.map((b) => b as { household: Record<string, unknown>; members: Record<string, unknown>[] });
const FOLD = 100_000;

const rows = [
  { step: 'compile v1 (once)', count: 1, 'total ms': compileMs.toFixed(2), 'µs each': (compileMs * 1000).toFixed(0), 'per second': '' },
  time('validateAnswers, v1 as data', bodies.length, (i) => void validateAnswers(compiled, bodies[i], { referenceYear: REFERENCE_YEAR, allowKeys: ENVELOPE })),
  time('validateResponseBody, today (zod)', bodies.length, (i) => void validateResponseBody(bodies[i], REFERENCE_YEAR)),
  time('indicators: 12 (v1), tally per household', FOLD, (i) => void tallyOfAnswers(twelve, answers[i % answers.length], REFERENCE_YEAR)),
  time(
    'tally.ts today: 12, per household',
    FOLD,
    (i) =>
      void tallyOf({
        referenceYear: REFERENCE_YEAR,
        household: answers[i % answers.length].household as Household,
        members: answers[i % answers.length].members as Member[],
      }),
  ),
  time('indicators: 30, tally per household', FOLD, (i) => void tallyOfAnswers(thirty, answers[i % answers.length], REFERENCE_YEAR)),
];
const invalid = bodies.filter((b) => !validateAnswers(compiled, b, { referenceYear: REFERENCE_YEAR, allowKeys: ENVELOPE }).ok).length;
console.table(rows);
console.log(
  `${bodies.length - invalid} of ${bodies.length} generated households valid; budgets: validate < 1000 µs each, fold ≥ 100,000 households/s with 30 indicators.`,
);
