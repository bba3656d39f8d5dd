// Roster import for admins: choose the administrative map (area set) the list follows, pick a CSV, see what it
// would import (wards, villages, counts) and every bad line, then import it all at once. Nothing is written
// until the file is valid as a whole. Rosters are kept per set: a ward code means something only within one.
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { RosterImportResult } from '@shared/roster/roster';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as officialsApi from '../../lib/officials';
import { failureText } from '../../lib/platform/failure-text';
import { formatCount, formatTime } from '../../lib/platform/format';
import { readUtf8 } from '../../lib/platform/read-utf8';
import { getAreas } from '../../lib/platform/reference';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { RosterPreview } from './roster-preview';
import { RosterSetSelect } from './roster-set-select';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

/** The set's current rosters and its units (to name the wards); without a choice, the server's default set. */
async function loadCurrent(chosen: string | undefined) {
  const { areaSetId, wards } = await officialsApi.rosterWards(chosen);
  const areas = await (areaSetId ? officialsApi.areasOfSet(areaSetId) : getAreas());
  return { areaSetId, wards, areas };
}

export function RosterPage() {
  const { lang, t } = useLang();
  const sets = useAsync(() => officialsApi.listAreaSets().catch(() => []), []);
  const [chosen, setChosen] = useState<string | undefined>();
  const current = useAsync(() => loadCurrent(chosen), [chosen]);
  // The set the page works in: the admin's choice, else the one the server reads by default (the open round's).
  const areaSet = chosen ?? current.data?.areaSetId;
  const [csv, setCsv] = useState<string | undefined>();
  const [preview, setPreview] = useState<RosterImportResult | undefined>();
  const [done, setDone] = useState<RosterImportResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    setPreview(undefined);
    setDone(undefined);
    setError(undefined);
    setCsv(undefined);
    if (!file) return;
    const text = await readUtf8(file);
    if (text === undefined) return setError(t('ui.roster.not_utf8'));
    setCsv(text);
    await run(() => officialsApi.importRoster(text, true, areaSet).then(setPreview));
  }

  /** Another set reads the same file's codes otherwise: the preview is made again in it. */
  async function chooseSet(id: string) {
    setChosen(id);
    setDone(undefined);
    setError(undefined);
    setPreview(undefined);
    if (csv !== undefined) await run(() => officialsApi.importRoster(csv, true, id).then(setPreview));
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  const importNow = () =>
    run(async () => {
      const result = await officialsApi.importRoster(csv!, false, preview?.areaSetId ?? areaSet);
      setDone(result);
      setPreview(undefined);
      current.reload();
    });

  const nameOf = (code: string) => current.data?.areas.find((a) => a.code === code)?.name ?? code;
  return (
    <div class="roster-page">
      <h1>{t('ui.roster.title')}</h1>
      <p>
        <a href={href('users')} data-testid="link-users">
          {t('ui.users.title')}
        </a>
      </p>
      <RosterSetSelect sets={sets.data ?? []} chosen={areaSet} disabled={busy} onChoose={chooseSet} />
      <p class="hint">{t('ui.roster.format')}</p>
      <pre class="sample">ward_code,village,household_code,head_name,address{'\n'}14815,Khu phố 1,LS-001,Nguyễn Văn Đức,"Số 5, đường Trần Phú"</pre>
      <div class="field">
        <label for="roster-file">{t('ui.roster.file')}</label>
        <input
          id="roster-file"
          type="file"
          accept=".csv,text/csv"
          data-testid="roster-file"
          disabled={busy}
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
      </div>
      {busy && <Loading />}
      {error && (
        <Notice kind="error" testId="roster-error">
          {error}
        </Notice>
      )}
      {done && (
        <Notice kind="success" testId="roster-done">
          {t('ui.roster.done', { rows: formatCount(done.rows, lang), wards: done.wards.length })}
        </Notice>
      )}
      {preview && <RosterPreview preview={preview} busy={busy} onImport={importNow} />}

      <h2>{t('ui.roster.current')}</h2>
      {current.error ? (
        <LoadFailed error={current.error} onRetry={current.reload} />
      ) : !current.data ? (
        <Loading />
      ) : current.data.wards.length === 0 ? (
        <p class="muted">{t('ui.roster.none')}</p>
      ) : (
        <table class="plain" data-testid="roster-current">
          <thead>
            <tr>
              <th scope="col">{t('ui.results.area')}</th>
              <th scope="col">{t('ui.roster.households')}</th>
              <th scope="col">{t('ui.roster.imported')}</th>
            </tr>
          </thead>
          <tbody>
            {current.data.wards.map((ward) => (
              <tr key={ward.wardCode}>
                <th scope="row">{nameOf(ward.wardCode)}</th>
                <td class="num">{formatCount(ward.households, lang)}</td>
                <td>
                  {formatTime(ward.importedAt, lang)} · {ward.importedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
