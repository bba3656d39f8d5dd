import { INDICATORS } from '@shared/indicators/catalogue';
import { indicatorResults, percentOf } from '@shared/indicators/results';
import { addTally, sumTallies, type Tally, tallyOf } from '@shared/indicators/tally';
import { ageInReferenceYear } from '@shared/survey/relevance';
import { describe, expect, it } from 'vitest';
import { adult, child, REFERENCE_YEAR, responseBody } from '../support/fixtures';

const resultOf = (tally: Tally, id: string) => indicatorResults(tally).find((r) => r.id === id)!;
const tallyFor = (overrides: Parameters<typeof responseBody>[0]) => tallyOf({ ...responseBody(overrides), referenceYear: REFERENCE_YEAR });

describe('indicator arithmetic', () => {
  it('covers the 12 indicators of the catalogue', () => {
    expect(INDICATORS.map((i) => i.id)).toHaveLength(12);
    expect(indicatorResults({}).map((r) => r.id)).toEqual(INDICATORS.map((i) => i.id));
  });

  it('gives null percent and null met for a zero denominator, and keeps the target', () => {
    expect(resultOf({}, 'hh_fiber_broadband')).toEqual({ id: 'hh_fiber_broadband', numerator: 0, denominator: 0, percent: null, target: 80, met: null });
    expect(resultOf({}, 'hh_internet').target).toBeNull();
  });

  it('rounds percent to one decimal, half up, on the exact fraction', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(5, 5)).toBe(100);
    expect(percentOf(3, 0)).toBeNull();
  });

  it('compares met on the exact fraction, not on the rounded percent', () => {
    // 7999/10000 = 79.99% rounds to 80.0 but does not meet an 80% target.
    const tally = { n_hh_fiber_broadband: 7999, d_hh_fiber_broadband: 10000 };
    expect(resultOf(tally, 'hh_fiber_broadband')).toMatchObject({ percent: 80, met: false });
    expect(resultOf({ n_hh_fiber_broadband: 4, d_hh_fiber_broadband: 5 }, 'hh_fiber_broadband').met).toBe(true);
  });

  it('counts age in the reference year', () => {
    expect(ageInReferenceYear(2009, 2024)).toBe(15);
    expect(ageInReferenceYear(2010, 2024)).toBe(14);
  });

  it('counts a member of 15 for the 15+ indicators but not for the adult (18+) ones', () => {
    const fifteen = adult({ birth_year: 2009 });
    const tally = tallyFor({ members: [fifteen] });
    expect(resultOf(tally, 'p15_payment_account')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(resultOf(tally, 'adult_smartphone')).toMatchObject({ numerator: 0, denominator: 0 });
  });

  it('counts a member of 18 as an adult and one of 17 not', () => {
    const tally = tallyFor({ members: [adult({ birth_year: 2006 }), adult({ birth_year: 2007, has_smartphone: false })] });
    expect(resultOf(tally, 'adult_smartphone')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(resultOf(tally, 'p15_payment_account')).toMatchObject({ numerator: 2, denominator: 2 });
  });

  it('leaves a child of 14 out of the 15+ indicators and counts everyone for pop_ehr', () => {
    const tally = tallyFor({ members: [adult({ has_ehr: true }), child(2010, { has_ehr: true }), child(2020, { has_ehr: false })] });
    expect(resultOf(tally, 'p15_vneid')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(resultOf(tally, 'pop_ehr')).toMatchObject({ numerator: 2, denominator: 3, percent: 66.7, target: 95, met: false });
  });

  it('counts the e-commerce indicator among business households only', () => {
    const base = responseBody();
    const business = tallyOf({ ...base, referenceYear: REFERENCE_YEAR, household: { ...base.household, business_household: true, ecommerce_shop: true } });
    const other = tallyOf({ ...base, referenceYear: REFERENCE_YEAR });
    const sum = sumTallies([business, other]);
    expect(resultOf(sum, 'hh_business_ecommerce')).toMatchObject({ numerator: 1, denominator: 1, percent: 100 });
    expect(resultOf(sum, 'hh_fiber_broadband')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(sum.households).toBe(2);
  });

  it('subtracting a tally undoes adding it', () => {
    const tally = tallyFor({});
    expect(addTally(addTally({}, tally), tally, -1)).toEqual({});
  });
});
