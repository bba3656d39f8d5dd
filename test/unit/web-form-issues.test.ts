// Issues of the household form: complete on the first submit, in form order, attached to the right field.

import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { describe, expect, it } from 'vitest';
import { checkForm, fieldId, firstPerPath, issuesByPath, memberIndexOf, orderIssues, pathAfterRemoval } from '../../web/src/lib/household-form/form-issues';
import type { FormState } from '../../web/src/lib/household-form/form-state';

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const ADULT_IDS = HOUSEHOLD_FORM.members.filter((q) => q.relevance.kind === 'minAge').map((q) => q.id);
const HOUSEHOLD = {
  head_name: 'Nguyễn Văn An',
  address: 'Khu phố 1',
  fiber_broadband: true,
  internet_any: true,
  electricity_cashless: true,
  business_household: false,
};

describe('checkForm', () => {
  it('reports an empty head name in Vietnamese at household.head_name', () => {
    const state: FormState = { household: { ...HOUSEHOLD, head_name: '  ' }, members: [{ key: 'a', answers: { birth_year: '2014', has_ehr: true } }] };
    const { issues, body } = checkForm(state, TARGET, 2024, 'vi');
    expect(body).toBeUndefined();
    expect(issues).toEqual([{ path: 'household.head_name', message: 'Vui lòng trả lời câu hỏi này.' }]);
  });

  it('reports the unanswered 15+ questions together with shape errors, in form order', () => {
    // The shared validation alone would report the 15+ questions only once the head name is fixed.
    const state: FormState = { household: { ...HOUSEHOLD, head_name: '' }, members: [{ key: 'a', answers: { birth_year: '2008', has_ehr: true } }] };
    const { issues } = checkForm(state, TARGET, 2024, 'en');
    expect(issues.map((i) => i.path)).toEqual(['household.head_name', ...ADULT_IDS.map((id) => `members.0.${id}`)]);
    expect(new Set(issues.map((i) => i.message))).toEqual(new Set(['Please answer this question.']));
  });

  it('returns the validated body when everything is answered', () => {
    const state: FormState = { household: { ...HOUSEHOLD, phone: '091 234 5678' }, members: [{ key: 'a', answers: { birth_year: '2014', has_ehr: false } }] };
    const { issues, body } = checkForm(state, TARGET, 2024, 'vi');
    expect(issues).toEqual([]);
    expect(body?.household.phone).toBe('0912345678');
  });

  it('applies the cross-field rules: a birth year after the reference year', () => {
    const state: FormState = { household: HOUSEHOLD, members: [{ key: 'a', answers: { birth_year: '2030', has_ehr: true } }] };
    expect(checkForm(state, TARGET, 2024, 'vi').issues).toEqual([{ path: 'members.0.birth_year', message: 'Năm sinh không được sau năm 2024.' }]);
  });

  it('rejects a malformed phone number with the phone message', () => {
    const state: FormState = { household: { ...HOUSEHOLD, phone: '12345' }, members: [{ key: 'a', answers: { birth_year: '2014', has_ehr: true } }] };
    expect(checkForm(state, TARGET, 2024, 'vi').issues).toEqual([{ path: 'household.phone', message: expect.stringContaining('Số điện thoại') }]);
  });
});

describe('issue helpers', () => {
  it('puts issues of no visible field first, then by form order, and keeps the first per path', () => {
    const issues = [
      { path: 'members.0.has_ehr', message: 'b' },
      { path: 'villageCode', message: 'general' },
      { path: 'household.head_name', message: 'a' },
      { path: 'household.head_name', message: 'dup' },
    ];
    const ordered = orderIssues(firstPerPath(issues), ['household.head_name', 'members.0.has_ehr']);
    expect(ordered.map((i) => i.message)).toEqual(['general', 'a', 'b']);
    expect(issuesByPath(issues).get('household.head_name')).toBe('a');
  });

  it('moves later members up by one when a member is removed', () => {
    expect(pathAfterRemoval('members.0.has_ehr', 1)).toBe('members.0.has_ehr');
    expect(pathAfterRemoval('members.1.has_ehr', 1)).toBeUndefined();
    expect(pathAfterRemoval('members.12.birth_year', 1)).toBe('members.11.birth_year');
    expect(pathAfterRemoval('household.address', 0)).toBe('household.address');
  });

  it('finds the member of a path and the DOM id of a field', () => {
    expect(memberIndexOf('members.3.sex')).toBe(3);
    expect(memberIndexOf('household.phone')).toBeUndefined();
    expect(fieldId('members.0.birth_year')).toBe('f-members-0-birth_year');
  });
});
