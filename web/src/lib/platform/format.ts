// Numbers as officials read them: Vietnamese decimal comma and thousands dot, English the other way.
import type { Lang } from '@shared/survey/form';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** A 0..100 percent with one decimal ("66,7%"), or "—" when there is none. */
export function formatPercent(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return `${value.toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A target percent, without a trailing ",0" ("95%", "30%"). */
export function formatTarget(value: number, lang: Lang): string {
  return `${value.toLocaleString(locale(lang), { maximumFractionDigits: 1 })}%`;
}

export function formatCount(value: number, lang: Lang): string {
  return value.toLocaleString(locale(lang));
}

/** "17:05:09 24/11": the time first, it is what changes while an official watches. */
export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString(locale(lang), { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time} ${pad(date.getDate())}/${pad(date.getMonth() + 1)}`;
}

/** A calendar date as people write it in Vietnam: "2026-12-31" → "31/12/2026". */
export function formatReferenceDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}
