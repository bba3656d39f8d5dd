// Web helpers of self-report links: short codes in the address, what a new form starts with, and which links
// the printed sheet carries.

import type { Link } from '@shared/api/links';
import { HOUSEHOLD_DX_V1 } from '@shared/questionnaire';
import { describe, expect, it } from 'vitest';
import { shortPathToHash } from '../../web/src/lib/platform/use-route';
import { linksToPrint } from '../../web/src/lib/self-report/link-pages';
import { isShortCode, prefilledHousehold } from '../../web/src/lib/self-report/self-entry';

describe('short addresses', () => {
  it('turns the typed path /s/<code> into the hash route, /s into the entry page, and leaves other paths', () => {
    expect(shortPathToHash('/s/7KQM-4X92-PABC')).toBe('#/s/7KQM-4X92-PABC');
    expect(shortPathToHash('/s/7kqm4x92pabc/')).toBe('#/s/7kqm4x92pabc');
    expect(shortPathToHash('/s')).toBe('#/s');
    expect(shortPathToHash('/s/')).toBe('#/s');
    for (const path of ['/', '/index.html', '/sw.js', '/s/a/b', '/settings']) expect(shortPathToHash(path)).toBeUndefined();
  });

  it('tells a short code from a token', () => {
    expect(isShortCode('7KQM-4X92-PABC')).toBe(true);
    expect(isShortCode('7kqm 4x92 pabc')).toBe(true);
    expect(isShortCode('1~cds-2024~14815~v~abcdefghijklmnopqrstuv~xyz.AAAAtagtagtagtagtagtagtagtag')).toBe(false);
    expect(isShortCode('7KQM-4X92')).toBe(false);
  });
});

describe('a new self-report form', () => {
  const link = { linkId: 'l', expiresAt: '2027-12-31T16:59:59.000Z' };

  it("starts with the roster's name and address", () => {
    expect(prefilledHousehold({ ...link, headName: 'Nguyễn Văn Đức', address: 'Số 5 ngõ 12' }, HOUSEHOLD_DX_V1)).toEqual({
      head_name: 'Nguyễn Văn Đức',
      address: 'Số 5 ngõ 12',
    });
    expect(prefilledHousehold({ ...link, headName: 'Nguyễn Văn Đức' }, HOUSEHOLD_DX_V1)).toEqual({ head_name: 'Nguyễn Văn Đức' });
    expect(prefilledHousehold(link, HOUSEHOLD_DX_V1)).toEqual({});
  });

  it('fills only questions the form asks', () => {
    const noAddress = { ...HOUSEHOLD_DX_V1, household: HOUSEHOLD_DX_V1.household.filter((q) => q.id !== 'address') };
    expect(prefilledHousehold({ ...link, headName: 'A', address: 'B' }, noAddress)).toEqual({ head_name: 'A' });
  });
});

describe('the printed sheet', () => {
  const link = (linkId: string, state: Link['state']) => ({ linkId, state }) as Link;
  const links = [link('a', 'unused'), link('b', 'used'), link('c', 'revoked')];

  it('leaves out revoked links and households that already answered', () => {
    expect(linksToPrint(links, false).map((l) => l.linkId)).toEqual(['a']);
  });

  it('includes answered households when asked, never revoked links', () => {
    expect(linksToPrint(links, true).map((l) => l.linkId)).toEqual(['a', 'b']);
  });
});
