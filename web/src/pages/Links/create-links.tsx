// Making links for a village: a number of blank links, or one per named household (pasted from the roster).
import { useState } from 'preact/hooks';
import { MAX_LINKS_PER_REQUEST } from '../../../../shared/api/links';
import { Notice } from '../../components/Notice';
import { api, ApiError } from '../../lib/api';
import { parseNamedHouseholds } from '../../lib/named-households';
import { useLang } from '../../lib/use-lang';

interface Props {
  query: { roundId: string; wardCode: string; villageCode: string };
  onCreated: (count: number) => void;
}

export function CreateLinks({ query, onCreated }: Props) {
  const { t } = useLang();
  const [kind, setKind] = useState<'blank' | 'named'>('blank');
  const [count, setCount] = useState('10');
  const [names, setNames] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  function request() {
    if (kind === 'blank') {
      const n = Number(count.trim());
      if (!Number.isInteger(n) || n < 1 || n > MAX_LINKS_PER_REQUEST) return { error: t('validation.too_big.number', { maximum: MAX_LINKS_PER_REQUEST }) };
      return { body: { ...query, count: n } };
    }
    const households = parseNamedHouseholds(names);
    if (households.length === 0) return { error: t('ui.links.households_empty') };
    if (households.length > MAX_LINKS_PER_REQUEST) return { error: t('ui.links.households_too_many', { max: MAX_LINKS_PER_REQUEST }) };
    return { body: { ...query, households } };
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const made = request();
    setError(made.error);
    if (!made.body) return;
    setBusy(true);
    try {
      const links = await api.createLinks(made.body);
      if (kind === 'named') setNames('');
      onCreated(links.length);
    } catch (caught) {
      const issues = caught instanceof ApiError ? caught.issues.map((issue) => issue.message) : [];
      setError([caught instanceof Error ? caught.message : String(caught), ...issues].join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form-section create-links" noValidate onSubmit={onSubmit} data-testid="create-links">
      <h2>{t('ui.links.new')}</h2>
      <fieldset class="field">
        <legend>{t('ui.links.kind')}</legend>
        <div class="toggles">
          <button type="button" class="toggle" aria-pressed={kind === 'blank'} data-testid="links-kind-blank" onClick={() => setKind('blank')}>
            {t('ui.links.kind_blank')}
          </button>
          <button type="button" class="toggle" aria-pressed={kind === 'named'} data-testid="links-kind-named" onClick={() => setKind('named')}>
            {t('ui.links.kind_named')}
          </button>
        </div>
      </fieldset>
      {kind === 'blank' ? (
        <div class="field">
          <label for="links-count">{t('ui.links.count', { max: MAX_LINKS_PER_REQUEST })}</label>
          <input id="links-count" type="number" inputMode="numeric" min={1} max={MAX_LINKS_PER_REQUEST} value={count} onInput={(e) => setCount(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} />
        </div>
      ) : (
        <div class="field">
          <label for="links-households">{t('ui.links.households')}</label>
          <textarea id="links-households" rows={6} value={names} onInput={(e) => setNames(e.currentTarget.value)} aria-invalid={error ? 'true' : undefined} />
        </div>
      )}
      {error && (
        <Notice kind="error" testId="create-links-error">
          {error}
        </Notice>
      )}
      <button type="submit" class="primary wide" disabled={busy} data-testid="links-create">
        {t(busy ? 'ui.links.creating' : 'ui.links.create')}
      </button>
    </form>
  );
}
