// "Xem theo địa giới: trước 1/7/2025 | sau 1/7/2025": which area set a round's results are shown on. A group of
// two (or more) pressed-or-not buttons under one legend, named by when each set applied; the round's own set first
// chosen. Shown only when the round's figures can be shown on another set.
import { type AreaSetView, areaSetPeriod } from '../../lib/officials';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  sets: readonly AreaSetView[];
  chosen: string;
  onChoose: (id: string) => void;
}

export function AreaSetSwitch({ sets, chosen, onChoose }: Props) {
  const { lang, t } = useLang();
  if (sets.length < 2) return null;
  return (
    <fieldset class="field area-set-switch" data-testid="area-set-switch">
      <legend>{t('ui.areaSets.view')}</legend>
      <div class="toggles">
        {sets.map((set) => {
          const { key, date } = areaSetPeriod(set, lang);
          return (
            <button
              type="button"
              key={set.id}
              class="toggle"
              aria-pressed={set.id === chosen}
              title={set.name}
              data-testid={`area-set-${set.id}`}
              onClick={() => onChoose(set.id)}
            >
              {t(key, { date })}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
