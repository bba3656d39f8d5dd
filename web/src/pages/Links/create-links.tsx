// Making links for a village: a number of blank links, or one per named household — chosen from the village's
// roster when the ward has one, else (and for households not on it) typed one per line.

import { type Link, MAX_LINKS_PER_REQUEST, type NamedHousehold } from '@shared/api/links';
import { useMemo, useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import { ApiError, api } from '../../lib/platform/api';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { inBatches, parseNamedHouseholds, rosterMarks } from '../../lib/self-report';
import { loadVillageRoster, RosterChecklist } from './roster-checklist';

interface Props {
  query: { roundId: string; wardCode: string; villageCode: string };
  /** The village's links so far: roster households holding one are marked. */
  links: readonly Link[];
  /** Loads every page of the list: the roster's marks need all the village's links, not the pages shown. */
  loadAllLinks: () => void;
  onCreated: (count: number) => void;
}

export function CreateLinks({ query, links, loadAllLinks, onCreated }: Props) {
  const { t } = useLang();
  const [kind, setKind] = useState<'blank' | 'named'>('blank');
  const [count, setCount] = useState('10');
  const [names, setNames] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The roster loads the first time the collector asks for named links, not for blank ones.
  const [wantRoster, setWantRoster] = useState(false);
  const roster = useAsync(() => (wantRoster ? loadVillageRoster(query) : Promise.resolve(undefined)), [wantRoster]);
  const entries = roster.data?.entries ?? [];
  const hasRoster = entries.length > 0;
  const marks = useMemo(() => rosterMarks(links, roster.data?.answered ?? new Set()), [links, roster.data]);

  function named(): NamedHousehold[] {
    const picked = entries.filter((e) => chosen.has(e.householdCode)).map(({ headName, householdCode }) => ({ headName, householdCode }));
    return [...picked, ...parseNamedHouseholds(names)];
  }

  /** The requests to send (a long roster choice goes in batches the API takes), or what is wrong. */
  function requests() {
    if (kind === 'blank') {
      const n = Number(count.trim());
      if (!Number.isInteger(n) || n < 1 || n > MAX_LINKS_PER_REQUEST) return { error: t('validation.too_big.number', { maximum: MAX_LINKS_PER_REQUEST }) };
      return { bodies: [{ ...query, count: n }] };
    }
    const households = named();
    if (households.length === 0) return { error: t(hasRoster ? 'ui.links.households_choose' : 'ui.links.households_empty') };
    // Typed lines alone stay one request, as before; a roster choice may be a whole village.
    if (!hasRoster && households.length > MAX_LINKS_PER_REQUEST) return { error: t('ui.links.households_too_many', { max: MAX_LINKS_PER_REQUEST }) };
    return { bodies: inBatches(households, MAX_LINKS_PER_REQUEST).map((batch) => ({ ...query, households: batch })) };
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const made = requests();
    setError(made.error);
    if (!made.bodies) return;
    setBusy(true);
    let created = 0;
    try {
      for (const body of made.bodies) created += (await api.createLinks(body)).length;
      if (kind === 'named') {
        setNames('');
        setChosen(new Set());
      }
    } catch (caught) {
      const issues = caught instanceof ApiError ? caught.issues.map((issue) => issue.message) : [];
      setError([caught instanceof Error ? caught.message : String(caught), ...issues].join(' '));
    } finally {
      setBusy(false);
      // Batches made before a failure exist: the list shows them, and they are marked in the roster.
      if (created > 0) onCreated(created);
    }
  }

  const typed = (
    <textarea
      id="links-households"
      rows={hasRoster ? 3 : 6}
      value={names}
      onInput={(e) => setNames(e.currentTarget.value)}
      aria-invalid={error ? 'true' : undefined}
    />
  );
  const total = kind === 'named' ? chosen.size + parseNamedHouseholds(names).length : 0;

  return (
    <form class="form-section create-links" noValidate onSubmit={onSubmit} data-testid="create-links">
      <h2>{t('ui.links.new')}</h2>
      <fieldset class="field">
        <legend>{t('ui.links.kind')}</legend>
        <div class="toggles">
          <button type="button" class="toggle" aria-pressed={kind === 'blank'} data-testid="links-kind-blank" onClick={() => setKind('blank')}>
            {t('ui.links.kind_blank')}
          </button>
          <button
            type="button"
            class="toggle"
            aria-pressed={kind === 'named'}
            data-testid="links-kind-named"
            onClick={() => {
              setKind('named');
              setWantRoster(true);
              loadAllLinks();
            }}
          >
            {t('ui.links.kind_named')}
          </button>
        </div>
      </fieldset>
      {kind === 'blank' ? (
        <div class="field">
          <label for="links-count">{t('ui.links.count', { max: MAX_LINKS_PER_REQUEST })}</label>
          <input
            id="links-count"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LINKS_PER_REQUEST}
            value={count}
            onInput={(e) => setCount(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
      ) : roster.loading ? (
        <p class="hint" data-testid="links-roster-loading">
          {t('ui.links.roster_loading')}
        </p>
      ) : hasRoster ? (
        <>
          <RosterChecklist entries={entries} marks={marks} chosen={chosen} onChange={setChosen} />
          <details class="field links-others" open={names !== ''}>
            <summary>{t('ui.links.roster_others')}</summary>
            <label for="links-households">{t('ui.links.roster_others_hint')}</label>
            {typed}
          </details>
        </>
      ) : (
        <div class="field">
          <label for="links-households">{t('ui.links.households')}</label>
          {typed}
        </div>
      )}
      {error && (
        <Notice kind="error" testId="create-links-error">
          {error}
        </Notice>
      )}
      <button type="submit" class="primary wide" disabled={busy || (kind === 'named' && roster.loading)} data-testid="links-create">
        {busy ? t('ui.links.creating') : total > 0 ? t('ui.links.create_n', { n: total }) : t('ui.links.create')}
      </button>
    </form>
  );
}
