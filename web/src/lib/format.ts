// Numbers as officials read them: Vietnamese decimal comma and thousands dot, English the other way.
import type { Lang } from '../../../shared/survey/form';

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

export function formatTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(locale(lang), { hour: '2-digit', minute: '2-digit', second: '2-digit', day: '2-digit', month: '2-digit' });
}
