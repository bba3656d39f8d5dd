// The indicators page's editable form (conditions as rows or JSON, targets as percents, server issues placed on
// their indicator and field) and the results' helpers (groups by unit, polling back-off).
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire';
import { describe, expect, it } from 'vitest';
import { conditionDraftOf, draftOf, emptyDraft, indicatorsOf, moved, placeOfIssue, targetOf } from '../../web/src/lib/admin/indicator-draft';
import { groupByUnit, targetPercentOf } from '../../web/src/lib/officials/round-indicators';
import { backoffDelay } from '../../web/src/lib/officials/use-live-polling';

const V1 = HOUSEHOLD_DX_V1;

describe('indicator drafts', () => {
  it('every household-dx v1 indicator goes to a draft and back unchanged', () => {
    const { indicators, issues } = indicatorsOf(V1.indicators.map(draftOf), V1);
    expect(issues).toEqual([]);
    expect(indicators).toEqual(V1.indicators.map((i) => ({ ...i, source: i.source ?? null })));
  });

  it('rows build typed comparisons joined by all or any', () => {
    const draft = emptyDraft('person');
    draft.id = 'p15_smartphone_cashless';
    draft.population.rows = [{ q: 'age', op: 'gte', value: '15' }];
    draft.numerator.rows = [
      { q: 'has_smartphone', op: 'eq', value: 'true' },
      { q: 'cashless_essential', op: 'eq', value: 'true' },
    ];
    draft.target = '';
    const [built] = indicatorsOf([draft], V1).indicators;
    expect(built.population).toEqual({ q: 'age', gte: 15 });
    expect(built.numerator).toEqual({
      all: [
        { q: 'has_smartphone', eq: true },
        { q: 'cashless_essential', eq: true },
      ],
    });
    expect(built.target).toBeNull();
    draft.numerator.join = 'any';
    expect(indicatorsOf([draft], V1).indicators[0].numerator).toHaveProperty('any');
  });

  it('a condition rows cannot say opens as JSON', () => {
    expect(conditionDraftOf({ not: { q: 'fiber_broadband', eq: true } }).mode).toBe('json');
    expect(conditionDraftOf({ q: 'sex', in: ['male', 'female'] }).mode).toBe('json');
    expect(conditionDraftOf({ all: [{ q: 'age', gte: 15 }] })).toMatchObject({ mode: 'rows', join: 'all', rows: [{ q: 'age', op: 'gte', value: '15' }] });
  });

  it('bad JSON, a row without a value and a bad target are found before sending, on their field', () => {
    const draft = emptyDraft('household');
    draft.numerator = { ...draft.numerator, mode: 'json', json: '{"q": ' };
    draft.population.rows = [{ q: 'business_household', op: 'eq', value: '' }];
    draft.target = '120';
    const { issues } = indicatorsOf([draftOf(V1.indicators[0]), draft], V1);
    expect(issues).toEqual([
      { index: 1, field: 'population', key: 'ui.indicators.bad_value' },
      { index: 1, field: 'numerator', key: 'ui.indicators.bad_json' },
      { index: 1, field: 'target', key: 'ui.indicators.bad_target' },
    ]);
  });

  it('targets are typed as percents with a comma or a point; empty is no target', () => {
    expect(targetOf('80')).toBe(0.8);
    expect(targetOf('80,5')).toBe(0.805);
    expect(targetOf('12.5%')).toBe(0.125);
    expect(targetOf(' ')).toBeNull();
    expect(targetOf('abc')).toBeUndefined();
    expect(targetOf('-1')).toBeUndefined();
    expect(draftOf(V1.indicators[0]).target).toBe('80');
  });

  it('a server issue path names its indicator and field', () => {
    expect(placeOfIssue('indicators.2.numerator')).toEqual({ index: 2, field: 'numerator' });
    expect(placeOfIssue('indicators.3.population.all.0.q')).toEqual({ index: 3, field: 'population' });
    expect(placeOfIssue('indicators.0.label.vi')).toEqual({ index: 0, field: 'label' });
    expect(placeOfIssue('indicators.1')).toEqual({ index: 1, field: undefined });
    expect(placeOfIssue('indicators')).toBeUndefined();
    expect(placeOfIssue('name')).toBeUndefined();
  });

  it('moves an indicator up or down, never out of the list', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});

describe('results helpers', () => {
  it('groups household indicators before person ones, each in list order', () => {
    const { household, person } = groupByUnit(V1.indicators);
    expect(household.map((i) => i.id)).toEqual(['hh_fiber_broadband', 'hh_internet', 'hh_cashless_electricity', 'hh_business_ecommerce']);
    expect(person[0].id).toBe('adult_smartphone');
    expect(household.length + person.length).toBe(V1.indicators.length);
    expect(targetPercentOf({ target: 0.805 })).toBe(80.5);
    expect(targetPercentOf({ target: null })).toBeNull();
  });

  it('polling waits the interval, doubles it per failure in a row, and never waits more than the cap', () => {
    expect(backoffDelay(2000, 0, 60_000)).toBe(2000);
    expect(backoffDelay(2000, 1, 60_000)).toBe(4000);
    expect(backoffDelay(2000, 3, 60_000)).toBe(16_000);
    expect(backoffDelay(2000, 10, 60_000)).toBe(60_000);
  });
});
