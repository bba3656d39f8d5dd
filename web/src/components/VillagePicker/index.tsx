// The village a collector works in, among the villages of their ward(s): remembered on the phone and kept in
// the page's address (#/<page>/<village>), so Collect and Links open on the same village.

import type { User } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { areaName, villagesOfUser, type WardVillages } from '../../lib/platform/areas';
import { loadVillage, saveVillage } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { navigate } from '../../lib/platform/use-route';
import { Notice } from '../Notice';

export interface VillageChoice {
  groups: WardVillages[];
  village: Area | undefined;
  ward: Area | undefined;
  choose: (code: string) => void;
}

/** The village of the address, else the one last chosen, else the only one there is. */
export function chooseVillage(areas: readonly Area[], user: Pick<User, 'role' | 'areas'>, page: string, villageCode?: string): VillageChoice {
  const groups = villagesOfUser(areas, user);
  const villages = groups.flatMap((group) => group.villages);
  const wanted = villageCode ?? loadVillage() ?? undefined;
  const village = villages.find((v) => v.code === wanted) ?? (villages.length === 1 ? villages[0] : undefined);
  const ward = village && areas.find((area) => area.code === village.parentCode);
  const choose = (code: string) => {
    saveVillage(code || null);
    navigate(...(code ? [page, code] : [page]));
  };
  return { groups, village, ward, choose };
}

export function VillagePicker({ choice, id, testId }: { choice: VillageChoice; id: string; testId: string }) {
  const { lang, t } = useLang();
  const { groups, village, choose } = choice;
  if (groups.length === 0) return <Notice kind="warning">{t('ui.collect.no_villages')}</Notice>;
  const option = (v: Area) => (
    <option key={v.code} value={v.code}>
      {areaName(v, lang)}
    </option>
  );
  return (
    <div class="field">
      <label for={id}>{t('ui.collect.village')}</label>
      <select id={id} data-testid={testId} value={village?.code ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
        <option value="">{t('ui.collect.choose_village')}</option>
        {groups.length === 1
          ? groups[0]!.villages.map(option)
          : groups.map((group) => (
              <optgroup key={group.ward.code} label={areaName(group.ward, lang)}>
                {group.villages.map(option)}
              </optgroup>
            ))}
      </select>
    </div>
  );
}
