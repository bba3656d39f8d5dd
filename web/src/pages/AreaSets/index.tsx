// Địa giới hành chính (admins): the area sets the installation holds, each with its dates and how many wards and
// villages it has, and the import of a new set: choose a file, see what it would store and every bad line, then
// store it whole. Nothing is stored until the file is valid as a whole (the server previews with dryRun).
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { LoadFailed, Loading } from '../../components/Loading';
import * as officialsApi from '../../lib/officials';
import { formatCount, formatReferenceDate } from '../../lib/platform/format';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { AreaSetImport } from './area-set-import';

registerMessages(OFFICIALS_MESSAGES);

/** Each set with its units counted (the sets are few; a set's list is one request). */
async function loadSets() {
  const sets = await officialsApi.listAreaSets();
  return Promise.all(
    sets.map(async (set) => {
      const units = await officialsApi.areasOfSet(set.id).catch(() => undefined);
      const count = (level: string) => units?.filter((u) => u.level === level).length;
      return { ...set, units: units?.length, wards: count('ward'), villages: count('village') };
    }),
  );
}

export default function AreaSetsPage() {
  const { lang, t } = useLang();
  const sets = useAsync(loadSets, []);
  return (
    <div class="admin-page" data-testid="area-sets-page">
      <h1>{t('ui.areaSets.title')}</h1>
      <p class="hint">{t('ui.areaSets.intro')}</p>
      {sets.error ? (
        <LoadFailed error={sets.error} onRetry={sets.reload} />
      ) : !sets.data ? (
        <Loading />
      ) : (
        <table class="admin-table" data-testid="area-sets">
          <thead>
            <tr>
              <th scope="col">{t('ui.areaSets.name')}</th>
              <th scope="col">{t('ui.areaSets.id')}</th>
              <th scope="col">{t('ui.areaSets.effective')}</th>
              <th scope="col">{t('ui.areaSets.units')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.data.map((set) => (
              <tr key={set.id} data-testid={`area-set-row-${set.id}`}>
                <th scope="row">{set.name}</th>
                <td>{set.id}</td>
                <td>
                  {set.effectiveTo
                    ? t('ui.areaSets.effective_range', { from: formatReferenceDate(set.effectiveFrom), to: formatReferenceDate(set.effectiveTo) })
                    : t('ui.areaSets.effective_open', { from: formatReferenceDate(set.effectiveFrom) })}
                </td>
                <td data-testid={`area-set-units-${set.id}`}>
                  {set.units === undefined
                    ? '—'
                    : t('ui.areaSets.units_line', { wards: formatCount(set.wards ?? 0, lang), villages: formatCount(set.villages ?? 0, lang) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AreaSetImport sets={sets.data ?? []} onImported={sets.reload} />
    </div>
  );
}
