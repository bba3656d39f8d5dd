// Importing an area set: a JSON file (docs/area-sets.md, *Importing a set*) is checked by the server first
// (dryRun): the page shows how many units and links it holds and every bad line with its field and message, and
// offers to store it only when there is none. A CSV is sent as it is, for servers that read one.
import { useState } from 'preact/hooks';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as officialsApi from '../../lib/officials';
import { ApiError } from '../../lib/platform/api';
import { formatCount } from '../../lib/platform/format';
import { readUtf8 } from '../../lib/platform/read-utf8';
import { useLang } from '../../lib/platform/use-lang';

/** Lines listed on screen; the rest are counted. */
const SHOWN_ERRORS = 200;

type Upload = { text: string; contentType: string; name: string };

/** The body as the server takes it, or the reason it cannot be sent. */
function uploadOf(fileName: string, text: string): Upload | 'not_json' {
  if (/\.csv$/i.test(fileName)) return { text, contentType: 'text/csv; charset=utf-8', name: fileName };
  try {
    const parsed = JSON.parse(text) as { name?: unknown; id?: unknown };
    return { text, contentType: 'application/json', name: String(parsed.name ?? parsed.id ?? fileName) };
  } catch {
    return 'not_json';
  }
}

function messageOf(failure: unknown): string {
  if (failure instanceof ApiError && failure.issues.length) return `${failure.message} ${failure.issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`;
  return failure instanceof Error ? failure.message : String(failure);
}

export function AreaSetImport({ onImported }: { onImported: () => void }) {
  const { lang, t } = useLang();
  const [upload, setUpload] = useState<Upload | undefined>();
  const [preview, setPreview] = useState<officialsApi.AreaSetImportResult | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  async function choose(file: File | undefined) {
    setUpload(undefined);
    setPreview(undefined);
    setDone(undefined);
    setError(undefined);
    if (!file) return;
    const text = await readUtf8(file);
    if (text === undefined) return setError(t('ui.roster.not_utf8'));
    const body = uploadOf(file.name, text);
    if (body === 'not_json') return setError(t('ui.areaSets.not_json'));
    setUpload(body);
    await run(async () => setPreview(await officialsApi.importAreaSet(body, true)));
  }

  const importNow = () =>
    run(async () => {
      await officialsApi.importAreaSet(upload!, false);
      setDone(t('ui.areaSets.done', { name: upload!.name }));
      setPreview(undefined);
      onImported();
    });

  return (
    <section class="admin-form" aria-labelledby="area-set-import-title">
      <h2 id="area-set-import-title">{t('ui.areaSets.import_title')}</h2>
      <p class="hint">{t('ui.areaSets.format')}</p>
      <div class="field">
        <label for="area-set-file">{t('ui.areaSets.file')}</label>
        <input
          id="area-set-file"
          type="file"
          accept=".json,application/json,.csv,text/csv"
          data-testid="area-set-file"
          disabled={busy}
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
      </div>
      {busy && <Loading />}
      {error && (
        <Notice kind="error" testId="area-set-error">
          {error}
        </Notice>
      )}
      {done && (
        <Notice kind="success" testId="area-set-done">
          {done}
        </Notice>
      )}
      {preview && (
        <div data-testid="area-set-preview" aria-live="polite">
          <p>{t('ui.areaSets.preview', { units: formatCount(preview.units, lang), links: formatCount(preview.links, lang) })}</p>
          {preview.errors.length > 0 ? (
            <>
              <Notice kind="error" testId="area-set-invalid">
                {t('ui.areaSets.invalid', { n: formatCount(preview.errors.length, lang) })}
              </Notice>
              <table class="plain" data-testid="area-set-errors">
                <thead>
                  <tr>
                    <th scope="col">{t('ui.roster.line')}</th>
                    <th scope="col">{t('ui.roster.column')}</th>
                    <th scope="col">{t('ui.roster.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.slice(0, SHOWN_ERRORS).map((e) => (
                    <tr key={`${e.line}-${e.path}-${e.message}`}>
                      <td class="num">{e.line === 0 ? t('ui.areaSets.whole_file') : e.line}</td>
                      <td>{e.path}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.errors.length > SHOWN_ERRORS && <p class="muted">{t('ui.roster.more_errors', { n: preview.errors.length - SHOWN_ERRORS })}</p>}
            </>
          ) : (
            <button type="button" class="primary" disabled={busy} data-testid="area-set-import" onClick={importNow}>
              {t('ui.areaSets.import', { units: formatCount(preview.units, lang) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
