// Which administrative map (area set) a roster follows: ward codes were reused in 2025 (14812 was Ba Đình and is
// now Phường Bỉm Sơn), so the file's codes are read in the set chosen here. Each set is named with the period it
// applied to, as on the results pages. Hidden while the sets are not known (an older server lists none).
import { type AreaSetView, areaSetPeriod } from '../../lib/officials';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  sets: readonly AreaSetView[];
  chosen: string | undefined;
  disabled: boolean;
  onChoose: (id: string) => void;
}

export function RosterSetSelect({ sets, chosen, disabled, onChoose }: Props) {
  const { lang, t } = useLang();
  if (sets.length === 0 || chosen === undefined) return null;
  return (
    <div class="field">
      <label for="roster-area-set">{t('ui.roster.area_set')}</label>
      <select id="roster-area-set" data-testid="roster-area-set" value={chosen} disabled={disabled} onChange={(e) => onChoose(e.currentTarget.value)}>
        {sets.map((set) => {
          const { key, date } = areaSetPeriod(set, lang);
          return (
            <option key={set.id} value={set.id}>
              {set.name} ({t(key, { date })})
            </option>
          );
        })}
      </select>
      <p class="hint">{t('ui.roster.area_set_hint')}</p>
    </div>
  );
}
