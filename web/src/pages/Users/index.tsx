// Moving a user's areas to a newer area set (admins): the username, the codes the user has now and the set to
// move to; a preview lists each code with the codes it becomes (and those that map to nothing), then one button
// saves the new list. Nothing is written before that; the user then signs in again (docs/area-sets.md).
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { failureText } from '../../lib/platform/failure-text';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(OFFICIALS_MESSAGES);

const codesOf = (text: string) =>
  text
    .split(/[,;\s]+/)
    .map((code) => code.trim())
    .filter(Boolean);

export default function UsersPage() {
  const { t } = useLang();
  const sets = useAsync(() => adminApi.listAreaSets(), []);
  const [username, setUsername] = useState('');
  const [areas, setAreas] = useState('');
  const [toSetId, setToSetId] = useState('');
  const [preview, setPreview] = useState<adminApi.MovedAreas | undefined>();
  const [done, setDone] = useState<adminApi.MovedAreas | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The newest set by default: a move goes forward to the map now in force.
  const target = toSetId || sets.data?.at(-1)?.id || '';

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await adminApi.moveUserAreas(username.trim(), { areas: codesOf(areas), toSetId: target }, dryRun);
      if (dryRun) setPreview(result);
      else {
        setPreview(undefined);
        setDone(result);
      }
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  // Editing the request makes the preview stale: it must be made again before saving.
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPreview(undefined);
  };
  const ready = username.trim() !== '' && codesOf(areas).length > 0 && target !== '';
  if (sets.error) return <LoadFailed error={sets.error} onRetry={sets.reload} />;
  if (!sets.data) return <Loading />;
  return (
    <div class="users-page">
      <h1>{t('ui.users.title')}</h1>
      <p class="hint">{t('ui.users.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void run(true);
        }}
      >
        <div class="field">
          <label for="users-username">{t('ui.users.username')}</label>
          <input id="users-username" data-testid="users-username" value={username} onInput={(e) => edit(setUsername)(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="users-areas">{t('ui.users.areas')}</label>
          <input id="users-areas" data-testid="users-areas" value={areas} onInput={(e) => edit(setAreas)(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="users-set">{t('ui.users.to_set')}</label>
          <select id="users-set" data-testid="users-set" value={target} onChange={(e) => edit(setToSetId)(e.currentTarget.value)}>
            {sets.data.map((set) => (
              <option key={set.id} value={set.id}>
                {set.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary" data-testid="users-preview" disabled={busy || !ready}>
          {t('ui.users.preview')}
        </button>
      </form>
      {busy && <Loading />}
      {error && (
        <Notice kind="error" testId="users-error">
          {error}
        </Notice>
      )}
      {done && (
        <Notice kind="success" testId="users-done">
          {t('ui.users.done', { username: done.username, areas: done.areas.join(', '), set: done.toSetId })}
        </Notice>
      )}
      {preview && <Preview preview={preview} busy={busy} onConfirm={() => run(false)} />}
    </div>
  );
}

function Preview({ preview, busy, onConfirm }: { preview: adminApi.MovedAreas; busy: boolean; onConfirm: () => void }) {
  const { t } = useLang();
  return (
    <section data-testid="users-moved">
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">{t('ui.users.col_from')}</th>
            <th scope="col">{t('ui.users.col_to')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.codes.map((code) => (
            <tr key={code.from}>
              <th scope="row">{code.from}</th>
              <td>{code.to.length > 0 ? code.to.join(', ') : t('ui.users.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.unmapped.length > 0 && <Notice kind="warning">{t('ui.users.unmapped', { codes: preview.unmapped.join(', ') })}</Notice>}
      <p>{t('ui.users.result', { areas: preview.areas.length > 0 ? preview.areas.join(', ') : t('ui.users.none') })}</p>
      <button type="button" data-testid="users-confirm" disabled={busy || preview.areas.length === 0} onClick={onConfirm}>
        {t('ui.users.confirm')}
      </button>
    </section>
  );
}
