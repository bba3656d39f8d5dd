// Roster import for admins: pick a CSV, see what it would import (wards, villages, counts) and every bad
// line, then import it all at once. Nothing is written until the file is valid as a whole.
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { RosterImportResult } from '@shared/roster/roster';
import { useState } from 'preact/hooks';
import { LineErrors } from '../../components/LineErrors';
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

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

export function RosterPage() {
  const { lang, t } = useLang();
  const current = useAsync(() => Promise.all([officialsApi.rosterWards(), getAreas()]), []);
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
    await run(() => officialsApi.importRoster(text, true).then(setPreview));
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
      const result = await officialsApi.importRoster(csv!, false);
      setDone(result);
      setPreview(undefined);
      current.reload();
    });

  const nameOf = (code: string) => current.data?.[1].find((a) => a.code === code)?.name ?? code;
  return (
    <div class="roster-page">
      <h1>{t('ui.roster.title')}</h1>
      <p>
        <a href={href('users')} data-testid="link-users">
          {t('ui.users.title')}
        </a>
      </p>
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
      {preview && <Preview preview={preview} busy={busy} onImport={importNow} />}

      <h2>{t('ui.roster.current')}</h2>
      {current.error ? (
        <LoadFailed error={current.error} onRetry={current.reload} />
      ) : !current.data ? (
        <Loading />
      ) : current.data[0].length === 0 ? (
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
            {current.data[0].map((ward) => (
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

function Preview({ preview, busy, onImport }: { preview: RosterImportResult; busy: boolean; onImport: () => void }) {
  const { lang, t } = useLang();
  return (
    <section data-testid="roster-preview" aria-live="polite">
      <h2>{t('ui.roster.preview')}</h2>
      <p>{t('ui.roster.rows', { rows: formatCount(preview.rows, lang) })}</p>
      {preview.wards.map((ward) => (
        <details key={ward.wardCode} open={preview.wards.length === 1}>
          <summary>
            {ward.name}: {t('ui.roster.ward_households', { n: formatCount(ward.households, lang) })}
            {ward.replaces && ` ${t('ui.roster.replaces', { n: formatCount(ward.replaces.households, lang) })}`}
          </summary>
          {ward.surveyed && ward.surveyed.households > ward.households && (
            <Notice kind="warning" testId={`roster-coverage-over-${ward.wardCode}`}>
              {t('ui.coverage.over', { surveyed: formatCount(ward.surveyed.households, lang), total: formatCount(ward.households, lang) })}
            </Notice>
          )}
          <ul>
            {ward.villages.map((v) => (
              <li key={v.villageCode}>
                {v.name}: {formatCount(v.households, lang)}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {preview.errors.length > 0 ? (
        <>
          <Notice kind="error" testId="roster-invalid">
            {t('ui.roster.invalid', { n: formatCount(preview.errors.length, lang) })}
          </Notice>
          <LineErrors errors={preview.errors} columnOf={(e) => t(`ui.roster.field.${e.path.split('.')[2] as 'wardCode'}`)} testId="roster-errors" />
        </>
      ) : (
        <button type="button" class="primary" disabled={busy} data-testid="roster-import" onClick={onImport}>
          {t('ui.roster.import', { rows: formatCount(preview.rows, lang) })}
        </button>
      )}
    </section>
  );
}
