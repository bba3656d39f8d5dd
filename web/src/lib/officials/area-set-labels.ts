// How a set is named where officials choose one: by the day the map changed, in plain words ("trước 1/7/2025",
// "sau 1/7/2025"), not by its id. A set that ended is "before" the day after its last day; the current set is
// "after" the day it took effect.
import type { MessageKey } from '@shared/i18n/message-key';
import type { Lang } from '@shared/survey/form';

interface Dated {
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** 1/7/2025 in Vietnamese, 1 July 2025 in English (a YYYY-MM-DD day, read as a calendar day, no time zone). */
export function formatDay(day: string, lang: Lang): string {
  const [year, month, date] = day.split('-').map(Number);
  if (lang === 'vi') return `${date}/${month}/${year}`;
  return new Date(Date.UTC(year!, month! - 1, date!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The message key and date that name a set by when it applied. */
export function areaSetPeriod(set: Dated, lang: Lang): { key: MessageKey; date: string } {
  return set.effectiveTo === null
    ? { key: 'ui.areaSets.after', date: formatDay(set.effectiveFrom, lang) }
    : { key: 'ui.areaSets.before', date: formatDay(nextDay(set.effectiveTo), lang) };
}
