// The translating side of i18n: a registry of messages and `translate`. It imports no table: the loaders (the
// API's composition root, the web app's entry and lazy pages) register the tables they need, so a collector's
// phone never downloads the officials' or self-report messages.
import type { Lang } from './lang';
import type { MessageKey } from './message-key';

export type { Lang, MessageKey };

/** A message table: some keys, in every language. */
export type Messages = Record<Lang, Partial<Record<MessageKey, string>>>;

/** The messages registered so far (read by the dictionary-keys test). */
export const DICTIONARY: Messages = { vi: {}, en: {} };

/** Adds a message table to `translate`; registering the same table twice is harmless. */
export function registerMessages(messages: Messages): void {
  Object.assign(DICTIONARY.vi, messages.vi);
  Object.assign(DICTIONARY.en, messages.en);
}

/** The message for `key` in `lang`, with {placeholders} filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, unknown> = {}): string {
  // A key of a table not registered shows as itself rather than failing (every loader registers what it uses).
  return (DICTIONARY[lang][key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** An issue before translation, as domain validation returns it. */
export interface KeyedIssue {
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** An issue as people read it (the API's `issues` and the form's messages). */
export interface TranslatedIssue {
  path: string;
  message: string;
}

/** Renders a keyed issue in `lang`; edges call this, domain code never does. */
export function translateIssue(lang: Lang, { path, key, params }: KeyedIssue): TranslatedIssue {
  return { path, message: translate(lang, key, params) };
}

/** Picks vi or en from an Accept-Language header; Vietnamese unless English is preferred. */
export function langFromAcceptLanguage(header: string | undefined | null): Lang {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
