// Choosing households from the village's roster for named links: a searchable checklist. Households that
// already answered, or hold a link that is not revoked, are marked and left out of "select all".

import type { RosterEntry } from '@shared/roster/roster';
import { useMemo, useState } from 'preact/hooks';
import * as officialsApi from '../../lib/officials';
import { api } from '../../lib/platform/api';
import { useLang } from '../../lib/platform/use-lang';
import { filterRoster, type RosterMark } from '../../lib/self-report';

export interface VillageRoster {
  entries: RosterEntry[];
  /** Roster codes of the village's live responses in this round. */
  answered: Set<string>;
}

/**
 * The village's roster (in the round's area set) and which of its households answered. No roster, or none readable (offline, a ward
 * without one): no entries, and the page falls back to typed lines.
 */
export async function loadVillageRoster(query: { roundId: string; wardCode: string; villageCode: string }): Promise<VillageRoster> {
  const roster = await officialsApi.roster(query.wardCode, query.villageCode, query.roundId).catch(() => undefined);
  const entries = roster?.entries ?? [];
  const answered = new Set<string>();
  if (entries.length === 0) return { entries, answered };
  try {
    let cursor: string | undefined;
    do {
      const page = await api.listResponses({ ...query, cursor });
      for (const response of page.responses) if (response.householdCode) answered.add(response.householdCode);
      cursor = page.cursor;
    } while (cursor);
  } catch {
    // Without the answers only the links mark households; the collector still sees each link's state below.
  }
  return { entries, answered };
}

interface Props {
  entries: readonly RosterEntry[];
  marks: ReadonlyMap<string, RosterMark>;
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
}

export function RosterChecklist({ entries, marks, chosen, onChange }: Props) {
  const { t } = useLang();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterRoster(entries, query), [entries, query]);
  const free = shown.filter((e) => !marks.has(e.householdCode));

  function toggle(code: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  }

  return (
    <div class="field roster-checklist" data-testid="links-roster">
      <label for="links-roster-search">{t('ui.links.roster_search', { n: entries.length })}</label>
      <input
        id="links-roster-search"
        type="search"
        autocomplete="off"
        value={query}
        placeholder={t('ui.links.roster_placeholder')}
        onInput={(e) => setQuery(e.currentTarget.value)}
        data-testid="links-roster-search"
      />
      <div class="roster-bulk">
        <button
          type="button"
          class="secondary"
          disabled={free.length === 0}
          data-testid="links-roster-select-free"
          onClick={() => onChange(new Set([...chosen, ...free.map((e) => e.householdCode)]))}
        >
          {t('ui.links.roster_select_free', { n: free.length })}
        </button>
        <button type="button" class="secondary" disabled={chosen.size === 0} data-testid="links-roster-clear" onClick={() => onChange(new Set())}>
          {t('ui.links.roster_clear')}
        </button>
      </div>
      <p class="hint" aria-live="polite" data-testid="links-roster-chosen">
        {t('ui.links.roster_chosen', { n: chosen.size })}
      </p>
      {shown.length === 0 ? (
        <p class="hint">{t('ui.links.roster_no_match')}</p>
      ) : (
        <ul class="roster-checks">
          {shown.map((entry) => {
            const mark = marks.get(entry.householdCode);
            return (
              <li key={entry.householdCode} data-marked={mark}>
                <label class="roster-check">
                  <input
                    type="checkbox"
                    checked={chosen.has(entry.householdCode)}
                    onChange={(e) => toggle(entry.householdCode, e.currentTarget.checked)}
                    data-testid={`links-roster-${entry.householdCode}`}
                  />
                  <span>
                    <strong>{entry.headName}</strong> · {entry.householdCode}
                    {entry.address && <span class="muted"> · {entry.address}</span>}
                    {mark && (
                      <span class={`link-state link-state-${mark === 'response' ? 'used' : 'unused'}`} data-testid="links-roster-mark">
                        {t(mark === 'response' ? 'ui.links.roster_has_response' : 'ui.links.roster_has_link')}
                      </span>
                    )}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
