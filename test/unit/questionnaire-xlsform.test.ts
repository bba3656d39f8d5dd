import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import templateFile from '../../shared/data/surveys/household-dx.v1.xlsform.json';
import type { Definition } from '../../shared/questionnaire/definition';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { validateAnswers } from '../../shared/questionnaire/validate-answers';
import { parseExpression, printExpression } from '../../shared/questionnaire/xlsform-expression';
import { workbookToDefinition } from '../../shared/questionnaire/xlsform-read';
import type { Workbook } from '../../shared/questionnaire/xlsform-sheets';
import { definitionToWorkbook } from '../../shared/questionnaire/xlsform-write';
import { caseArb, YEAR } from '../support/questionnaire-arbitraries';

const template = (): Workbook => {
  const written = definitionToWorkbook(HOUSEHOLD_DX_V1);
  if (!written.ok) throw new Error(JSON.stringify(written.issues));
  return written.value;
};
const read = (workbook: Workbook) => workbookToDefinition(workbook);
const typeOf = (name: string) => [...HOUSEHOLD_DX_V1.household, ...HOUSEHOLD_DX_V1.members.questions].find((q) => q.id === name)?.type;

describe('XLSForm expressions', () => {
  it('reads the XLSForm forms of comparisons, selected(), and/or/not and parentheses', () => {
    const parsed = parseExpression("${age} >= 15 and (${has_smartphone} = 'yes' or not(selected(${sex}, 'female'))) and 1900 <= ${birth_year}", typeOf);
    expect(parsed).toEqual({
      ok: true,
      cond: {
        all: [{ q: 'age', gte: 15 }, { any: [{ q: 'has_smartphone', eq: true }, { not: { q: 'sex', selected: 'female' } }] }, { q: 'birth_year', gte: 1900 }],
      },
    });
  });

  it("reads . as the constraint's own question", () => {
    expect(parseExpression('. <= 2024', typeOf, 'birth_year')).toEqual({ ok: true, cond: { q: 'birth_year', lte: 2024 } });
  });

  it('refuses what it cannot read, with a reason', () => {
    expect(parseExpression("${nope} = 'yes'", typeOf)).toMatchObject({ ok: false, key: 'xlsform.unknown_reference', params: { name: 'nope' } });
    expect(parseExpression('count-selected(${sex}) > 1', typeOf)).toMatchObject({ ok: false, key: 'xlsform.unsupported_function' });
    expect(parseExpression('${age} + 1 > 3', typeOf)).toMatchObject({ ok: false, key: 'xlsform.bad_expression' });
    expect(parseExpression("${fiber_broadband} = 'maybe'", typeOf)).toMatchObject({ ok: false, key: 'xlsform.bad_literal' });
    expect(parseExpression('${age} >= 15 and', typeOf)).toMatchObject({ ok: false, key: 'xlsform.bad_expression' });
    expect(parseExpression('today() > 3', typeOf)).toMatchObject({ ok: false, key: 'xlsform.unsupported_function' });
  });

  it('prints conditions that read back the same', () => {
    const cond = {
      any: [
        {
          all: [
            { q: 'age', gte: 18 },
            { q: 'has_ehr', eq: false },
          ],
        },
        { not: { q: 'sex', selected: 'male' } },
        { all: [] },
      ],
    };
    const printed = printExpression(cond);
    expect(printed).toBe("(${age} >= 18 and ${has_ehr} = 'no') or not(selected(${sex}, 'male')) or true()");
    expect(parseExpression(printed, typeOf)).toEqual({ ok: true, cond });
  });
});

describe('XLSForm workbooks', () => {
  it('the v1 template reads back as household-dx v1, and writes back as the same workbook', () => {
    const workbook = template();
    const definition = read(workbook);
    expect(definition).toEqual({ ok: true, value: HOUSEHOLD_DX_V1 });
    const again = definitionToWorkbook((definition as { value: Definition }).value);
    expect(again).toEqual({ ok: true, value: workbook });
    expect(read((again as { value: Workbook }).value)).toEqual(definition);
  });

  it('puts the members between begin_repeat members and end_repeat, yes/no as select_one yes_no', () => {
    const survey = template().survey;
    const types = survey.map((row) => row[0]);
    expect(types.indexOf('begin_repeat')).toBe(9);
    expect(types.at(-1)).toBe('end_repeat');
    expect(survey[4].slice(0, 2)).toEqual(['select_one yes_no', 'fiber_broadband']);
    expect(survey[8][7]).toBe("${business_household} = 'yes'");
  });

  it('refuses ten kinds of mistakes, each at its sheet, row and column', () => {
    const workbook = template();
    const survey = workbook.survey;
    const col = (name: string) => survey[0].indexOf(name);
    survey[1][col('type')] = 'date'; // 1. unsupported type
    survey[2][col('name')] = 'Địa chỉ'; // 2. bad name
    survey[3][col('label::English (en)')] = ''; // 3. missing label
    survey[4][col('required')] = 'maybe'; // 4. not a yes/no
    survey[5][col('relevant')] = "${fiber_broadband = 'yes'"; // 5. unreadable expression
    survey[6][col('relevant')] = "${business} = 'yes'"; // 6. unknown reference
    survey[7][col('type')] = 'select_one business_kinds'; // 7. unknown choice list
    survey[12][col('name')] = 'name'; // 8. duplicate name (row 13 is birth_year, renamed to the name of row 11)
    survey[13][col('min')] = 'ten'; // 9. not a number
    workbook.indicators[1][1] = 'village'; // 10. unknown unit
    const result = read(workbook);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => `${i.path} ${i.key}`)).toEqual([
      'survey.row.2.type xlsform.unsupported_type',
      'survey.row.3.name xlsform.bad_name',
      'survey.row.4.label xlsform.missing_label',
      'survey.row.5.required xlsform.bad_boolean',
      'survey.row.8.type xlsform.unknown_choice_list',
      'survey.row.13.name xlsform.duplicate_name',
      'survey.row.14.min xlsform.bad_number',
      'survey.row.6.relevant xlsform.bad_expression',
      'survey.row.7.relevant xlsform.unknown_reference',
      'indicators.row.2.unit xlsform.bad_unit',
    ]);
    expect(issues[0].params).toMatchObject({ sheet: 'survey', row: 2, column: 'type', type: 'date' });
  });

  it('reports definition-level problems at the rows they come from', () => {
    const workbook = template();
    const col = (name: string) => workbook.survey[0].indexOf(name);
    workbook.survey[6][col('relevant')] = "${business_household} = 'yes'";
    workbook.survey[7][col('relevant')] = "${electricity_cashless} = 'yes'";
    workbook.indicators[4][3] = "${has_smartphone} = 'yes'";
    const result = read(workbook);
    expect(result.ok ? [] : result.issues.map((i) => `${i.path} ${i.key}`)).toEqual([
      'indicators.row.5.numerator questionnaire.wrong_scope',
      'survey.row.7.relevant questionnaire.circular_relevance',
      'survey.row.8.relevant questionnaire.circular_relevance',
    ]);
  });

  it('refuses columns and repeats it does not support, by name', () => {
    const workbook = template();
    workbook.survey[0].push('calculation');
    workbook.survey[3].push('${a} + 1');
    workbook.survey[9][1] = 'people';
    const result = read(workbook);
    expect(result.ok ? [] : result.issues.map((i) => `${i.path} ${i.key}`)).toEqual([
      'survey.row.4.calculation xlsform.unsupported_column',
      'survey.row.10.name xlsform.repeat_not_members',
      'survey.row.22.type xlsform.end_without_begin',
    ]);
  });
});

describe('the household-dx v1 XLSForm template in shared/data', () => {
  it('is the workbook of v1 (regenerate it with definitionToWorkbook when v1 changes)', () => {
    expect(templateFile).toEqual(template());
  });
});

describe('XLSForm round trip of random definitions', () => {
  it('reads back every writable definition as one that judges answers the same way', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, household, members }) => {
        const written = definitionToWorkbook(definition);
        // Two rules on one question, or a rule reading no question, have no XLSForm form: refused, not written.
        if (!written.ok) return;
        const back = workbookToDefinition(written.value);
        expect(back.ok ? [] : back.issues).toEqual([]);
        if (!back.ok) return;
        const judge = (d: Definition) => {
          const result = validateAnswers(d, { household, members }, { referenceYear: YEAR });
          return result.ok ? result.value : [...new Set(result.issues.map((i) => `${i.path} ${i.key}`))].sort();
        };
        expect(judge(back.value)).toEqual(judge(definition));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
