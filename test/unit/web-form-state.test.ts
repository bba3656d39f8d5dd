// The household form's state → request body: visible answers only, cleaned the way the API expects.

import { HOUSEHOLD_FORM } from '@shared/survey/form';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildResponseBody,
  emptyForm,
  type FormState,
  fieldPaths,
  formFromStored,
  memberAge,
  visibleMemberQuestions,
} from '../../web/src/lib/household-form/form-state';

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const ADULT_IDS = HOUSEHOLD_FORM.members.filter((q) => q.relevance.kind === 'minAge').map((q) => q.id);
const allYes = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, true]));

function household(overrides: Record<string, string | boolean | undefined> = {}): FormState['household'] {
  return {
    head_name: ' Nguyễn Văn An ',
    address: 'Khu phố 1',
    fiber_broadband: true,
    internet_any: true,
    electricity_cashless: false,
    business_household: false,
    ...overrides,
  };
}

describe('buildResponseBody', () => {
  it('leaves out the 15+ answers of a child of 10 but keeps those of a teen of 16 in 2024', () => {
    // Prepare
    const state: FormState = {
      household: household(),
      members: [
        { key: 'a', answers: { birth_year: '2008', has_ehr: true, ...allYes(ADULT_IDS) } },
        { key: 'b', answers: { birth_year: '2014', has_ehr: false, ...allYes(ADULT_IDS) } },
      ],
    };
    // Act
    const body = buildResponseBody(state, TARGET, 2024);
    // Assert
    expect(Object.keys(body.members[0]).sort()).toEqual(['birth_year', 'has_ehr', ...ADULT_IDS].sort());
    expect(body.members[1]).toEqual({ birth_year: 2014, has_ehr: false });
  });

  it('leaves out the e-commerce answer unless the household runs a business', () => {
    const without = buildResponseBody({ household: household({ ecommerce_shop: true }), members: [] }, TARGET, 2024);
    const withBusiness = buildResponseBody({ household: household({ business_household: true, ecommerce_shop: true }), members: [] }, TARGET, 2024);
    expect(without.household).not.toHaveProperty('ecommerce_shop');
    expect(withBusiness.household.ecommerce_shop).toBe(true);
  });

  it('trims text, strips spaces, dots and dashes from the phone and drops empty answers', () => {
    const body = buildResponseBody(
      { household: household({ phone: ' 091 234.56-78 ', address: '   ' }), members: [{ key: 'a', answers: { name: '', birth_year: ' 1984 ' } }] },
      TARGET,
      2024,
    );
    expect(body.household).toMatchObject({ head_name: 'Nguyễn Văn An', phone: '0912345678' });
    expect(body.household).not.toHaveProperty('address');
    expect(body.members[0]).toEqual({ birth_year: 1984 });
    expect(body).toMatchObject(TARGET);
  });

  it('sends a non-numeric year as text, for the validation to reject', () => {
    const body = buildResponseBody({ household: household(), members: [{ key: 'a', answers: { birth_year: '19a4' } }] }, TARGET, 2024);
    expect(body.members[0].birth_year).toBe('19a4');
  });

  it('never sends a question that the form does not show (property)', () => {
    const answer = fc.oneof(fc.boolean(), fc.string({ maxLength: 6 }), fc.constant(undefined));
    const memberAnswers = fc.record({
      birth_year: fc.oneof(fc.integer({ min: 1890, max: 2030 }).map(String), fc.string({ maxLength: 5 })),
      ...Object.fromEntries(HOUSEHOLD_FORM.members.filter((q) => q.id !== 'birth_year').map((q) => [q.id, answer])),
    });
    fc.assert(
      fc.property(fc.array(memberAnswers, { minLength: 1, maxLength: 5 }), fc.integer({ min: 2000, max: 2030 }), (members, referenceYear) => {
        const state: FormState = { household: household(), members: members.map((answers, i) => ({ key: String(i), answers })) };
        const body = buildResponseBody(state, TARGET, referenceYear);
        body.members.forEach((member, i) => {
          const visible = new Set(visibleMemberQuestions(state.members[i].answers, referenceYear).map((q) => q.id));
          for (const id of Object.keys(member)) expect(visible.has(id)).toBe(true);
          const age = memberAge(state.members[i].answers, referenceYear);
          if (age === undefined || age < 15) for (const id of ADULT_IDS) expect(member).not.toHaveProperty(id);
        });
      }),
    );
  });
});

describe('memberAge', () => {
  it('is known only once four digits are typed, so questions do not flicker while typing', () => {
    expect(memberAge({ birth_year: '19' }, 2024)).toBeUndefined();
    expect(memberAge({ birth_year: '198' }, 2024)).toBeUndefined();
    expect(memberAge({ birth_year: '1984' }, 2024)).toBe(40);
    expect(memberAge({}, 2024)).toBeUndefined();
  });
});

describe('formFromStored', () => {
  it('turns a stored response back into editable answers that rebuild the same body', () => {
    const stored = {
      household: {
        head_name: 'Lê Thị Hoa',
        address: 'Khu phố 3',
        fiber_broadband: false,
        internet_any: true,
        electricity_cashless: true,
        business_household: true,
        ecommerce_shop: false,
      },
      members: [
        { birth_year: 1970, sex: 'female', has_ehr: true, ...allYes(ADULT_IDS) },
        { birth_year: 2020, has_ehr: false },
      ],
    };
    const state = formFromStored(stored);
    expect(state.members[0].answers.birth_year).toBe('1970');
    expect(new Set(state.members.map((m) => m.key)).size).toBe(2);
    const { household: h, members } = buildResponseBody(state, TARGET, 2024);
    expect({ household: h, members }).toEqual(stored);
  });

  it('keeps the roster household code through a draft and into the body, and drops it when cleared', () => {
    const stored = { householdCode: 'BS-0042', household: { head_name: 'Lê Thị Hoa' }, members: [{ birth_year: 2020, has_ehr: false }] };
    const state = formFromStored(stored);
    expect(state.householdCode).toBe('BS-0042');
    // A draft is the form state as stored in IndexedDB: a structured clone of plain data.
    expect(buildResponseBody(structuredClone(state), TARGET, 2024).householdCode).toBe('BS-0042');
    const { householdCode: _cleared, ...withoutCode } = state;
    expect(buildResponseBody(withoutCode, TARGET, 2024)).not.toHaveProperty('householdCode');
  });
});

describe('fieldPaths', () => {
  it('lists the visible fields in form order', () => {
    const paths = fieldPaths({ household: household(), members: [{ key: 'a', answers: { birth_year: '2014' } }] }, 2024);
    expect(paths.slice(0, 2)).toEqual(['household.head_name', 'household.address']);
    expect(paths).not.toContain('household.ecommerce_shop');
    expect(paths.filter((p) => p.startsWith('members.0.'))).toEqual(['members.0.name', 'members.0.birth_year', 'members.0.sex', 'members.0.has_ehr']);
  });

  it('starts with one empty member', () => {
    expect(emptyForm().members).toHaveLength(HOUSEHOLD_FORM.minMembers);
  });
});
