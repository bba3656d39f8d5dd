// The collector's list: finding a household by name, code or address without diacritics or case, filtering by
// state, the summary's counts, and what an upload failure is called (no network only without a server's answer).
import type { ResponseBody } from '@shared/survey/schema';
import { foldName } from '@shared/text/fold-name';
import { describe, expect, it } from 'vitest';
import { failureMessage } from '../../web/src/lib/outbox/classify';
import { countByFilter, findHouseholds, matchesFilter, matchesQuery } from '../../web/src/lib/outbox/find-households';
import type { LocalHousehold, LocalState } from '../../web/src/lib/outbox/types';
import { countsOf } from '../../web/src/lib/outbox/use-outbox';

const body = (head_name: string, address: string, householdCode?: string): ResponseBody =>
  ({
    roundId: 'cds-2024',
    wardCode: '14815',
    villageCode: '14815-kp1',
    ...(householdCode ? { householdCode } : {}),
    household: { head_name, address },
    members: [],
  }) as unknown as ResponseBody;

let n = 0;
function household(state: LocalState, answers: ResponseBody, extra: Partial<LocalHousehold> = {}): LocalHousehold {
  n += 1;
  return {
    owner: 'c1',
    id: `id-${n}`,
    roundId: 'cds-2024',
    wardCode: '14815',
    villageCode: '14815-kp1',
    state,
    body: answers,
    attempts: 0,
    nextAttemptAt: 0,
    savedAt: n,
    ...extra,
  };
}

const an = household('uploaded', body('Nguyễn Văn An', 'Số 12, Khu phố 1', 'HH-0007'));
const binh = household('pending', body('Trần Thị Bình', 'Ngõ 7 đường Lê Lợi'));
const cuong = household('rejected', body('Phạm Văn Cường', 'Khu phố 3'));
const dung = household('draft', body('', ''), { body: undefined, draft: { household: { head_name: 'Đỗ Văn Dũng', address: 'Đồi Thông' }, members: [] } });
const edited = household('uploaded', body('Lê Thị Em', 'Số 5'), { draft: { household: { head_name: 'Lê Thị Em', address: 'Số 5A' }, members: [] } });
const conflict = household('conflict', body('Vũ Văn Giang', 'Khu phố 2'));
const ALL = [an, binh, cuong, dung, edited, conflict];

describe('foldName', () => {
  it('drops diacritics (đ as d), case and extra spaces', () => {
    expect(foldName('  Nguyễn  Văn ĐỨC ')).toBe('nguyen van duc');
  });
});

describe('matchesQuery', () => {
  it('finds "Nguyễn Văn" from "nguyen van", without diacritics or case', () => {
    expect(findHouseholds(ALL, 'nguyen van', 'all')).toEqual([an]);
    expect(findHouseholds(ALL, 'NGUYEN', 'all')).toEqual([an]);
  });

  it('finds by household code and by address, each word anywhere', () => {
    expect(findHouseholds(ALL, 'hh-0007', 'all')).toEqual([an]);
    expect(findHouseholds(ALL, 'le loi', 'all')).toEqual([binh]);
    expect(findHouseholds(ALL, 'binh ngo 7', 'all')).toEqual([binh]);
  });

  it('looks in unfinished answers too', () => {
    expect(findHouseholds(ALL, 'dung doi thong', 'all')).toEqual([dung]);
    expect(matchesQuery(edited, 'so 5a')).toBe(true);
  });

  it('finds every household for an empty or blank query, none for a word nobody has', () => {
    expect(findHouseholds(ALL, '   ', 'all')).toEqual(ALL);
    expect(findHouseholds(ALL, 'xyz', 'all')).toEqual([]);
  });
});

describe('filters by state', () => {
  it('waiting, unfinished, needing attention and sent', () => {
    expect(findHouseholds(ALL, '', 'waiting')).toEqual([binh]);
    expect(findHouseholds(ALL, '', 'draft')).toEqual([dung, edited]);
    expect(findHouseholds(ALL, '', 'attention')).toEqual([cuong, conflict]);
    expect(findHouseholds(ALL, '', 'sent')).toEqual([an]);
    expect(matchesFilter(edited, 'sent')).toBe(false);
  });

  it('counts what each filter shows, and combines with the search', () => {
    expect(countByFilter(ALL)).toEqual({ all: 6, waiting: 1, draft: 2, attention: 2, sent: 1 });
    expect(findHouseholds(ALL, 'van', 'attention')).toEqual([cuong, conflict]);
  });
});

describe('countsOf (the list summary)', () => {
  it('counts waiting, unfinished and needing attention apart', () => {
    expect(countsOf(ALL)).toEqual({ waiting: 1, drafts: 2, attention: 2, unsent: 5 });
  });

  it('has nothing left only when every household is sent and finished', () => {
    expect(countsOf([an])).toEqual({ waiting: 0, drafts: 0, attention: 0, unsent: 0 });
    expect(countsOf([an, dung])).toMatchObject({ waiting: 0, drafts: 1, attention: 0 });
  });
});

describe('failureMessage', () => {
  it('says no network only when no server answered', () => {
    expect(failureMessage(0).key).toBe('ui.outbox.failed_network');
    expect(failureMessage(503)).toEqual({ key: 'ui.outbox.failed_server', params: { status: 503 } });
    expect(failureMessage(500).key).toBe('ui.outbox.failed_server');
    expect(failureMessage(429).key).toBe('ui.outbox.failed_busy');
    expect(failureMessage(408).key).toBe('ui.outbox.failed_busy');
  });
});
