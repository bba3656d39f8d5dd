// Importing an area set: a JSON file (docs/area-sets.md, *Importing a set*) is checked by the server first
// (dryRun): the page shows how many units and links it holds and every bad line with its field and message, and
// offers to store it only when there is none. A CSV holds only the units: the set's own fields (code, name,
// dates, the former set) are typed here and sent in the query string; each is checked by the server and a wrong
// one is named beside its input.
import { useState } from 'preact/hooks';
import { LineErrors } from '../../components/LineErrors';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as officialsApi from '../../lib/officials';
import { ApiError } from '../../lib/platform/api';
import { formatCount } from '../../lib/platform/format';
import { readUtf8 } from '../../lib/platform/read-utf8';
import { useLang } from '../../lib/platform/use-lang';

type Upload = { text: string; contentType: string; name: string; csv?: boolean };

/** The set's own fields a CSV does not carry. */
type SetFields = Record<'id' | 'name' | 'effectiveFrom' | 'effectiveTo' | 'fromSetId', string>;
const NO_FIELDS: SetFields = { id: '', name: '', effectiveFrom: '', effectiveTo: '', fromSetId: '' };

/** The body as the server takes it, or the reason it cannot be sent. */
function uploadOf(fileName: string, text: string): Upload | 'not_json' {
  if (/\.csv$/i.test(fileName) || text.trimStart()[0] !== '{') return { text, contentType: 'text/csv; charset=utf-8', name: fileName, csv: true };
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

export function AreaSetImport({ sets, onImported }: { sets: readonly { id: string; name: string }[]; onImported: () => void }) {
  const { lang, t } = useLang();
  const [upload, setUpload] = useState<Upload | undefined>();
  const [fields, setFields] = useState<SetFields>(NO_FIELDS);
  const [issues, setIssues] = useState<ApiError['issues']>([]);
  const [preview, setPreview] = useState<officialsApi.AreaSetImportResult | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    setIssues([]);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
      setIssues(failure instanceof ApiError ? failure.issues : []);
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
    // A CSV waits for the set's own fields; a JSON file holds them.
    if (!body.csv) await check(body);
  }

  const query = (body: Upload) => (body.csv ? { ...fields, effectiveTo: fields.effectiveTo || undefined, fromSetId: fields.fromSetId || undefined } : {});
  const check = (body: Upload) => run(async () => setPreview(await officialsApi.importAreaSet(body, true, query(body))));

  const issueAt = (field: string) => issues.find((i) => i.path === field)?.message;

  const importNow = () =>
    run(async () => {
      await officialsApi.importAreaSet(upload!, false, query(upload!));
      setDone(t('ui.areaSets.done', { name: upload!.csv ? fields.name : upload!.name }));
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
      {upload?.csv && (
        <fieldset class="field" data-testid="area-set-fields">
          <legend>{t('ui.areaSets.csv_fields')}</legend>
          {(['id', 'name', 'effectiveFrom', 'effectiveTo'] as const).map((key) => (
            <SetField key={key} name={key} value={fields[key]} issue={issueAt(key)} onInput={(value) => setFields({ ...fields, [key]: value })} />
          ))}
          <div class={issueAt('fromSetId') ? 'field has-error' : 'field'}>
            <label for="area-set-fromSetId">{t('ui.areaSets.field_fromSetId')}</label>
            <select id="area-set-fromSetId" value={fields.fromSetId} onChange={(e) => setFields({ ...fields, fromSetId: e.currentTarget.value })}>
              <option value="">{t('ui.areaSets.no_from_set')}</option>
              {sets.map((set) => (
                <option key={set.id} value={set.id}>
                  {set.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="secondary" disabled={busy} data-testid="area-set-check" onClick={() => check(upload)}>
            {t('ui.areaSets.check')}
          </button>
        </fieldset>
      )}
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
              <LineErrors errors={preview.errors} columnOf={(e) => e.path} wholeFile={t('ui.areaSets.whole_file')} testId="area-set-errors" />
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

const FIELD_LABELS = {
  id: 'ui.areaSets.field_id',
  name: 'ui.areaSets.field_name',
  effectiveFrom: 'ui.areaSets.field_effectiveFrom',
  effectiveTo: 'ui.areaSets.field_effectiveTo',
} as const;

/** One of the set's own fields, with the server's message beside it when it was refused. */
function SetField({ name, value, issue, onInput }: { name: keyof typeof FIELD_LABELS; value: string; issue?: string; onInput: (value: string) => void }) {
  const { t } = useLang();
  const id = `area-set-${name}`;
  const common = {
    id,
    'data-testid': id,
    value,
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': issue ? `${id}-error` : undefined,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={issue ? 'field has-error' : 'field'}>
      <label for={id}>{t(FIELD_LABELS[name])}</label>
      {name.startsWith('effective') ? <input type="date" {...common} /> : <input type="text" {...common} />}
      {issue && (
        <p class="field-error" id={`${id}-error`}>
          {issue}
        </p>
      )}
    </div>
  );
}
