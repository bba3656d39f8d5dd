import { describe, expect, it } from 'vitest';
import { askedQuestions } from '../../shared/questionnaire/asked';
import { checkIndicators } from '../../shared/questionnaire/check-definition';
import type { Definition } from '../../shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { fillPlaceholders } from '../../shared/questionnaire/issues';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';
import { adult, child, REFERENCE_YEAR, responseBody } from '../support/fixtures';

const answers = (overrides: Partial<ReturnType<typeof responseBody>> = {}) => {
  const { household, members } = responseBody(overrides);
  return { household, members };
};
const validate = (body: unknown, definition: Definition = HOUSEHOLD_DX_V1) => validateAnswers(definition, body, { referenceYear: REFERENCE_YEAR });

describe('validateAnswers on household-dx v1', () => {
  it('accepts a complete household and gives back trimmed answers of the definition only', () => {
    const body = answers();
    body.household.head_name = '  Nguyễn Văn Đức ';
    const result = validate(body);
    expect(result).toMatchObject({ ok: true, value: { household: { head_name: 'Nguyễn Văn Đức' } } });
  });

  it('reports a broken rule with its own message and the reference year to fill in', () => {
    const result = validate(answers({ members: [adult(), child(REFERENCE_YEAR + 1)] }));
    expect(result.ok).toBe(false);
    const [issue] = result.ok ? [] : result.issues;
    expect(issue).toMatchObject({
      path: 'members.1.birth_year',
      key: 'questionnaire.rule',
      params: { rule: 'birth_year_after_reference', referenceYear: REFERENCE_YEAR },
    });
    expect(fillPlaceholders(issue.text?.en ?? '', issue.params)).toBe('The year of birth cannot be after 2024.');
  });

  it('rejects an answer to a question not asked, saying when it is asked', () => {
    const body = answers();
    Object.assign(body.household, { ecommerce_shop: true });
    const result = validate(body);
    expect(result.ok ? [] : result.issues).toEqual([
      {
        path: 'household.ecommerce_shop',
        key: 'questionnaire.not_relevant',
        text: {
          vi: 'Câu hỏi này chỉ dành cho trường hợp: hộ có sản xuất, kinh doanh.',
          en: 'This question is only asked when: does the household run a business.',
        },
      },
    ]);
    const young = validate(answers({ members: [child(2014, { has_smartphone: true })] }));
    expect(young.ok ? [] : young.issues).toEqual([{ path: 'members.0.has_smartphone', key: 'validation.not_asked_under_age', params: { age: 15 } }]);
  });

  it('refuses keys that are not questions, unless the caller says they are its own', () => {
    const body = { ...answers(), roundId: 'r1' };
    expect(validate(body).ok).toBe(false);
    expect(validateAnswers(HOUSEHOLD_DX_V1, body, { referenceYear: REFERENCE_YEAR, allowKeys: ['roundId'] }).ok).toBe(true);
  });
});

describe('validateAnswers on other question types', () => {
  const label = { vi: 'x', en: 'x' };
  const definition: Definition = {
    id: 'other',
    version: 1,
    title: label,
    household: [
      { id: 'area', type: 'decimal', label, required: true, min: 0, max: 10_000 },
      { id: 'crops', type: 'select_multiple', label, required: false, choices: 'crop' },
      { id: 'rice_area', type: 'decimal', label, required: true, relevant: { q: 'crops', selected: 'rice' } },
    ],
    members: { min: 0, max: 2, questions: [{ id: 'birth_year', type: 'integer', label, required: true }] },
    choices: {
      crop: [
        { value: 'rice', label },
        { value: 'maize', label },
      ],
    },
    rules: [{ id: 'rice_within_area', when: { q: 'rice_area', gt: 0 }, then: { q: 'area', gte: 1 }, message: label }],
    indicators: [],
  };

  it('checks select_multiple values and asks a follow-up when a value is selected', () => {
    expect(validate({ household: { area: 2.5, crops: ['rice', 'maize'], rice_area: 1.5 }, members: [] }, definition)).toMatchObject({ ok: true });
    const missing = validate({ household: { area: 2.5, crops: ['rice'] }, members: [] }, definition);
    expect(missing.ok ? [] : missing.issues).toEqual([{ path: 'household.rice_area', key: 'validation.required_when_relevant' }]);
    const wrong = validate({ household: { area: 2.5, crops: ['rice', 'coffee'] }, members: [] }, definition);
    expect(wrong.ok ? [] : wrong.issues).toEqual([{ path: 'household.crops', key: 'validation.invalid_value', params: { values: 'rice, maize' } }]);
  });

  it('checks decimal ranges and household rules', () => {
    const far = validate({ household: { area: -1 }, members: [] }, definition);
    expect(far.ok ? [] : far.issues).toEqual([{ path: 'household.area', key: 'validation.too_small.number', params: { minimum: '0' } }]);
    const broken = validate({ household: { area: 0.5, crops: ['rice'], rice_area: 0.2 }, members: [] }, definition);
    expect(broken.ok ? [] : broken.issues.map((i) => `${i.path} ${i.params?.rule}`)).toEqual(['household.area rice_within_area']);
  });
});

describe('askedQuestions', () => {
  it('asks ecommerce_shop of business households and the 15+ questions of members 15 and over only', () => {
    const { household, members } = answers({ members: [adult(), child(2014), { birth_year: 2009, has_ehr: true }] });
    const asked = askedQuestions(HOUSEHOLD_DX_V1, { household: { ...household, business_household: true }, members: [...members, {}] }, REFERENCE_YEAR);
    expect(asked.household.has('ecommerce_shop')).toBe(true);
    expect(asked.members.map((m) => m.has('has_smartphone'))).toEqual([true, false, true, false]);
    expect(askedQuestions(HOUSEHOLD_DX_V1, answers(), REFERENCE_YEAR).household.has('ecommerce_shop')).toBe(false);
  });
});

describe('checkIndicators', () => {
  it("checks a round's indicator list against the definition, at indicators.<i>", () => {
    const list = [
      ...HOUSEHOLD_DX_V1.indicators,
      { id: 'p15_tv', unit: 'person', numerator: { q: 'has_tv', eq: true }, label: { vi: 'TV', en: 'TV' }, target: 1.5 },
    ];
    const result = checkIndicators(HOUSEHOLD_DX_V1, list);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['indicators.12.target']);
    const unknown = checkIndicators(HOUSEHOLD_DX_V1, [{ ...list[12], target: 0.5 }]);
    expect(unknown.ok ? [] : unknown.issues.map((i) => `${i.path} ${i.key}`)).toEqual(['indicators.0.numerator.q questionnaire.unknown_question']);
    expect(checkIndicators(HOUSEHOLD_DX_V1, HOUSEHOLD_DX_V1.indicators.slice(0, 3))).toMatchObject({ ok: true });
  });
});
