import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../shared/questionnaire/check-definition';
import type { Definition } from '../../shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { renderCondition } from '../../shared/questionnaire/render-condition';

const v1 = () => structuredClone(HOUSEHOLD_DX_V1) as Definition;
const keysOf = (input: unknown, previous: Definition[] = []) => {
  const result = checkDefinition(input, previous);
  return result.ok ? [] : result.issues.map((i) => `${i.path} ${i.key}`);
};

describe('checkDefinition', () => {
  it('finds nothing wrong in household-dx v1', () => {
    expect(checkDefinition(HOUSEHOLD_DX_V1)).toMatchObject({ ok: true });
  });

  it('refuses a malformed definition at the JSON path of each problem', () => {
    const def = v1() as unknown as Record<string, unknown>;
    (def.household as Record<string, unknown>[])[0].type = 'date';
    def.colour = 'blue';
    expect(keysOf(def)).toEqual(['household.0.type questionnaire.invalid_field', 'colour validation.unrecognized_key']);
  });

  it('lists every consistency problem at once', () => {
    const def = v1();
    def.household.push({ ...def.household[0] });
    def.household[7].relevant = { q: 'business_hh', eq: true };
    def.members.questions[2].choices = 'gender';
    def.members.questions[1].max = 1800;
    def.rules[0].then = { q: 'internet_any', gt: 3 };
    def.indicators[0].numerator = { q: 'has_smartphone', eq: true };
    def.indicators[1].numerator = { q: 'fiber_broadband', eq: 'yes' };
    def.household[5].relevant = { q: 'business_household', eq: true };
    def.household[6].relevant = { q: 'electricity_cashless', eq: true };
    expect(keysOf(def)).toEqual([
      'household.8.id questionnaire.duplicate_id',
      'members.questions.1.min questionnaire.min_above_max',
      'members.questions.2.choices questionnaire.unknown_choice_list',
      'household.7.relevant.q questionnaire.unknown_question',
      'rules.0.then.gt questionnaire.operator_not_for_type',
      'indicators.0.numerator.q questionnaire.wrong_scope',
      'indicators.1.numerator.eq questionnaire.operand_type',
      'household.5.relevant questionnaire.circular_relevance',
      'household.6.relevant questionnaire.circular_relevance',
    ]);
  });

  it('refuses a select compared with a value not in its list', () => {
    const def = v1();
    def.members.questions[0].relevant = { q: 'sex', eq: 'other' };
    expect(keysOf(def)).toEqual(['members.questions.0.relevant.eq questionnaire.unknown_choice']);
  });

  it('refuses a question id changing type from a published version', () => {
    const def = v1();
    def.version = 2;
    def.household[2].type = 'text';
    expect(keysOf(def, [HOUSEHOLD_DX_V1])).toEqual(['household.2.type questionnaire.type_changed']);
  });

  it('refuses age in household relevance and age without a birth_year question', () => {
    const def = v1();
    def.household[2].relevant = { q: 'age', gte: 18 };
    expect(keysOf(def)).toEqual(['household.2.relevant.q questionnaire.wrong_scope']);
    const noBirthYear = v1();
    noBirthYear.members.questions[1].id = 'year_born';
    expect(keysOf(noBirthYear)).toEqual(['members.questions questionnaire.age_needs_birth_year']);
  });
});

describe('renderCondition', () => {
  it('says an indicator population and numerator in plain Vietnamese and English', () => {
    const cond = {
      all: [
        { q: 'age', gte: 15 },
        { q: 'has_smartphone', eq: true },
      ],
    };
    expect(renderCondition(cond, HOUSEHOLD_DX_V1, 'vi')).toBe('người từ 15 tuổi trở lên và có điện thoại thông minh');
    expect(renderCondition(cond, HOUSEHOLD_DX_V1, 'en')).toBe('people aged 15 and over and owns a smartphone');
  });

  it('parenthesises nested groups and names choices by label', () => {
    const cond = {
      any: [
        { not: { q: 'fiber_broadband', eq: true } },
        {
          all: [
            { q: 'sex', eq: 'female' },
            { q: 'age', lt: 30 },
          ],
        },
      ],
    };
    expect(renderCondition(cond, HOUSEHOLD_DX_V1, 'vi')).toBe(
      'không phải (hộ có kết nối Internet băng rộng cáp quang (FTTH)) hoặc (giới tính = “Nữ” và người dưới 30 tuổi)',
    );
  });
});
