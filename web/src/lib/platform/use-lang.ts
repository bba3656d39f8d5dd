// The UI language: Vietnamese by default, English on request; persisted, and mirrored on <html lang>.

import { type MessageKey, registerMessages, translate } from '@shared/i18n/dictionary';
import type { Lang } from '@shared/survey/form';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { loadLang, saveLang } from './storage';

export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

export interface LangValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

export const LangContext = createContext<LangValue>({ lang: 'vi', setLang: () => {}, t: (key, params) => translate('vi', key, params) });

/** The languages whose core messages are registered (the entry registers Vietnamese before anything renders). */
const registered = new Set<Lang>(['vi']);

/**
 * Registers the core messages of `lang` when they are not yet: Vietnamese is in the initial chunk, English is its
 * own chunk (precached by the service worker, so it loads offline too). Call before showing a language.
 */
export async function ensureLangMessages(lang: Lang): Promise<void> {
  if (registered.has(lang)) return;
  const { CORE_EN } = await import('@shared/i18n/core-en');
  registerMessages({ vi: {}, en: CORE_EN });
  registered.add(lang);
}

/**
 * Loads the other language's messages once the app is idle, so the switch is instant when tapped (the chunk is
 * precached by the service worker anyway: this costs no download, only a little work after the start).
 */
export function preloadLangMessages(): void {
  const later = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3_000 }) : setTimeout(run, 1_000));
  later(() => void ensureLangMessages('en').catch(() => undefined));
}

/** State for the provider at the root of the app (the entry has registered the stored language's messages). */
export function useLangState(): LangValue {
  const [lang, setLangState] = useState<Lang>(loadLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'ui.app.name');
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    // At once when its messages are there; else once they are (a failed load keeps the current language).
    if (registered.has(next)) return setLangState(next);
    void ensureLangMessages(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  return { lang, setLang, t };
}

/** The language and the translate function of the current UI language. */
export function useLang(): LangValue {
  return useContext(LangContext);
}
