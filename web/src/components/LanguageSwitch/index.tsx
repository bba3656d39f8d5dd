// The visible vi/en switch; the choice is kept on the device.
import type { Lang } from '@shared/survey/form';
import { useLang } from '../../lib/platform/use-lang';

const LANGS: Lang[] = ['vi', 'en'];

export function LanguageSwitch() {
  const { lang, setLang, t } = useLang();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> would bring its own border, padding and min-width to this flex row of buttons; the group role names the set without it.
    <div class="lang-switch" role="group" aria-label={t('ui.lang.label')}>
      {LANGS.map((option) => (
        <button type="button" key={option} lang={option} aria-pressed={lang === option} data-testid={`lang-${option}`} onClick={() => setLang(option)}>
          {t(option === 'vi' ? 'ui.lang.vi' : 'ui.lang.en')}
        </button>
      ))}
    </div>
  );
}
