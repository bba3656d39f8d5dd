// The UI language: Vietnamese by default, English on request; persisted, and mirrored on <html lang>.

import { type MessageKey, translate } from '@shared/i18n/dictionary';
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

/** State for the provider at the root of the app. */
export function useLangState(): LangValue {
  const [lang, setLangState] = useState<Lang>(loadLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'ui.app.name');
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  return { lang, setLang, t };
}

/** The language and the translate function of the current UI language. */
export function useLang(): LangValue {
  return useContext(LangContext);
}
