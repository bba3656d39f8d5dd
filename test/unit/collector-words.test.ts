// Plain words for a village head: the messages a collector reads (the app's ui.* texts and the form's answer
// checks) carry no technical jargon, and the ones about something going wrong say what to do.
import { CORE_EN as CORE_EN_ONLY } from '@shared/i18n/core-en';
import { CORE_VI as CORE_VI_ONLY } from '@shared/i18n/core-vi';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import { SIGN_IN_MESSAGES } from '@shared/i18n/sign-in';
import { describe, expect, it } from 'vitest';

// The collector's words: the core table and the form's and sign-in page's tables (loaded with their pages).
const CORE_VI = { ...CORE_VI_ONLY, ...HOUSEHOLD_FORM_MESSAGES.vi, ...SIGN_IN_MESSAGES.vi };
const CORE_EN = { ...CORE_EN_ONLY, ...HOUSEHOLD_FORM_MESSAGES.en, ...SIGN_IN_MESSAGES.en };
type CoreMessageKey = keyof typeof CORE_VI;

/** What a collector reads: the app's texts and the answer checks of the household form. */
const COLLECTOR_KEYS = (Object.keys(CORE_VI) as CoreMessageKey[]).filter(
  (key) =>
    /^ui\.(collect|form|outbox|conflict|error|round|login)\./.test(key) ||
    /^validation\.(required|invalid_type|integer|too_|invalid_format|invalid_value|not_asked|birth_year|fiber|round_closed|unsafe_text)/.test(key) ||
    /^error\.(internal|too_many_requests|forbidden|not_found|version_conflict|deleted|session_ended|unauthorized|bad_request)$/.test(key),
);

const JARGON_VI = /bền vững|phiên bản|xung đột|đồng bộ|định dạng|dữ liệu|phiên đăng nhập|máy chủ trả về|hợp lệ|UUID|JSON|If-Match|cursor|upload|sync/i;
const JARGON_EN = /persistent|version conflict|sync|payload|session|JSON|UUID|If-Match|cursor|upload/i;

/** Messages about a failure or a state that needs the collector: each must say what to do next. */
const NEEDS_ACTION: CoreMessageKey[] = [
  'ui.error.network',
  'ui.error.load_failed',
  'error.internal',
  'error.too_many_requests',
  'error.forbidden',
  'error.version_conflict',
  'ui.outbox.failed_network',
  'ui.outbox.failed_busy',
  'ui.outbox.failed_server',
  'ui.collect.list_failed_server',
  'ui.outbox.drafts',
  'ui.outbox.attention',
  'ui.outbox.needs_signin',
  'ui.outbox.rejected_fix',
  'ui.outbox.conflict_fix',
  'ui.form.conflict',
  'ui.collect.no_villages',
  'ui.collect.empty',
  'ui.collect.no_match',
];
const ACTION_VI = /hãy|hỏi|bấm|mở|thử lại|báo|gõ|sửa|đăng nhập|chọn|tự gửi/i;
const ACTION_EN = /tap|open|try|tell|ask|check|sign in|type|fix|choose|sent by themselves|sent again/i;

describe('the collector’s messages', () => {
  it('use no technical words, in Vietnamese', () => {
    expect(COLLECTOR_KEYS.length).toBeGreaterThan(80);
    expect(COLLECTOR_KEYS.filter((key) => JARGON_VI.test(CORE_VI[key])).map((key) => `${key}: ${CORE_VI[key]}`)).toEqual([]);
  });

  it('use no technical words, in English', () => {
    // The one exact English text a unit test of the API client pins stays as it is.
    const pinned = new Set<CoreMessageKey>(['ui.error.unexpected_response']);
    expect(COLLECTOR_KEYS.filter((key) => !pinned.has(key) && JARGON_EN.test(CORE_EN[key])).map((key) => `${key}: ${CORE_EN[key]}`)).toEqual([]);
  });

  it('say what to do when something needs the collector', () => {
    expect(NEEDS_ACTION.filter((key) => !ACTION_VI.test(CORE_VI[key]))).toEqual([]);
    expect(NEEDS_ACTION.filter((key) => !ACTION_EN.test(CORE_EN[key]))).toEqual([]);
  });

  it('tell a failing server apart from no network', () => {
    expect(CORE_VI['ui.outbox.failed_server']).toContain('không phải do mạng của bạn');
    expect(CORE_VI['ui.outbox.failed_server']).not.toMatch(/mất mạng|không có mạng/i);
    expect(CORE_VI['ui.error.network']).toMatch(/mạng/);
  });
});
