// Dates on links and the self-report page, in Vietnam's time zone: a round closes at the end of a Vietnamese day
// wherever the phone's clock is set.
import type { Lang } from '@shared/survey/form';

const ZONE = 'Asia/Ho_Chi_Minh';

/** "31/12/2027" (vi) or "31/12/2027" (en-GB): the day a link may still be used. */
export function formatDay(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** "14:05 24/11/2026": when a household answered. */
export function formatMoment(iso: string, lang: Lang): string {
  const date = new Date(iso);
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return `${date.toLocaleTimeString(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false })} ${formatDay(iso, lang)}`;
}
