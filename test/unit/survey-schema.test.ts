import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { registerMessages, translateIssue } from '@shared/i18n/dictionary';
import { validateResponseBody } from '@shared/survey/validate';
import { describe, expect, it } from 'vitest';
import { adult, child, REFERENCE_YEAR, responseBody } from '../support/fixtures';

registerMessages(CORE_MESSAGES);

// Validation returns message keys; the issues are read here as the API and the form show them, translated.
const issuesOf = (input: unknown, lang: 'vi' | 'en' = 'vi') => {
  const result = validateResponseBody(input, REFERENCE_YEAR);
  return result.ok ? [] : result.issues.map((issue) => translateIssue(lang, issue));
};

describe('household response schema', () => {
  it('accepts a complete household with an adult and a child', () => {
    expect(validateResponseBody(responseBody(), REFERENCE_YEAR)).toMatchObject({ ok: true });
  });

  it('rejects a 15+ question answered for a child, at the member field, in Vietnamese', () => {
    const issues = issuesOf(responseBody({ members: [child(2014, { has_smartphone: true })] }));
    expect(issues).toEqual([{ path: 'members.0.has_smartphone', message: 'Câu hỏi này chỉ dành cho người từ 15 tuổi trở lên.' }]);
  });

  it('requires the 15+ questions of a member aged exactly 15 in the reference year', () => {
    const issues = issuesOf(responseBody({ members: [{ birth_year: 2009, has_ehr: true }] }), 'en');
    expect(issues.map((i) => i.path)).toEqual([
      'members.0.has_smartphone',
      'members.0.has_payment_account',
      'members.0.cashless_essential',
      'members.0.has_vneid_level2',
      'members.0.has_digital_signature',
      'members.0.used_online_public_service',
      'members.0.used_telehealth',
    ]);
    expect(issues[0].message).toBe('Please answer this question.');
  });

  it('does not ask the 15+ questions of a member aged 14 in the reference year', () => {
    expect(issuesOf(responseBody({ members: [{ birth_year: 2010, has_ehr: true }] }))).toEqual([]);
  });

  it('rejects unknown fields, naming each one', () => {
    const body = { ...responseBody(), extra: 1, members: [{ ...adult(), nickname: 'x' }] };
    expect(issuesOf(body, 'en')).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'Unknown field: extra.' },
        { path: 'members.0.nickname', message: 'Unknown field: nickname.' },
      ]),
    );
    expect(issuesOf(body)).toHaveLength(2);
  });

  it('tells a wrong type from a missing answer', () => {
    const body = responseBody();
    const household = { ...body.household, fiber_broadband: 'yes' } as Record<string, unknown>;
    delete household.address;
    expect(issuesOf({ ...body, household }, 'en')).toEqual([
      { path: 'household.address', message: 'Please answer this question.' },
      { path: 'household.fiber_broadband', message: 'Please choose Yes or No.' },
    ]);
  });

  it('rejects birth years after the reference year and before 1900', () => {
    const issues = issuesOf(responseBody({ members: [adult({ birth_year: 1899 })] }), 'en');
    expect(issues).toEqual([{ path: 'members.0.birth_year', message: 'The smallest allowed value is 1900.' }]);
    const future = issuesOf(responseBody({ members: [child(2025)] }), 'en');
    expect(future).toEqual([{ path: 'members.0.birth_year', message: 'The year of birth cannot be after 2024.' }]);
  });

  it('rejects a fractional birth year', () => {
    expect(issuesOf(responseBody({ members: [adult({ birth_year: 1980.5 })] }), 'en')).toEqual([
      { path: 'members.0.birth_year', message: 'Please enter a whole number.' },
    ]);
  });

  it('asks ecommerce_shop exactly of business households', () => {
    const base = responseBody();
    const missing = issuesOf({ ...base, household: { ...base.household, business_household: true } });
    expect(missing.map((i) => i.path)).toEqual(['household.ecommerce_shop']);
    const extra = issuesOf({ ...base, household: { ...base.household, ecommerce_shop: false } }, 'en');
    expect(extra).toEqual([{ path: 'household.ecommerce_shop', message: 'This question is only for households that run a business.' }]);
    expect(issuesOf({ ...base, household: { ...base.household, business_household: true, ecommerce_shop: true } })).toEqual([]);
  });

  it('rejects fibre broadband without Internet access', () => {
    const base = responseBody();
    expect(issuesOf({ ...base, household: { ...base.household, internet_any: false } }).map((i) => i.path)).toEqual(['household.internet_any']);
  });

  it('checks Vietnamese phone numbers', () => {
    const base = responseBody();
    for (const phone of ['0912345678', '+84912345678', '02373824567']) {
      expect(issuesOf({ ...base, household: { ...base.household, phone } })).toEqual([]);
    }
    for (const phone of ['12345', '0112345678', '09123456789']) {
      expect(issuesOf({ ...base, household: { ...base.household, phone } }).map((i) => i.path)).toEqual(['household.phone']);
    }
  });

  it('requires 1 to 30 members', () => {
    expect(issuesOf(responseBody({ members: [] }), 'en')).toEqual([{ path: 'members', message: 'At least 1 entries are needed.' }]);
    expect(issuesOf(responseBody({ members: Array.from({ length: 31 }, () => adult()) })).map((i) => i.path)).toEqual(['members']);
  });

  it('rejects blank names after trimming and names over 100 characters', () => {
    const base = responseBody();
    expect(issuesOf({ ...base, household: { ...base.household, head_name: '   ' } }).map((i) => i.path)).toEqual(['household.head_name']);
    expect(issuesOf({ ...base, household: { ...base.household, head_name: 'a'.repeat(101) } }, 'en')).toEqual([
      { path: 'household.head_name', message: 'At most 100 characters.' },
    ]);
  });
});
