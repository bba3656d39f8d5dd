// Choosing the household from the village's roster: type part of the head's name, the household code or the
// address, pick one, and the form gets its code, head name and address. Without a roster (or offline) it
// stays out of the way: the collector types the household in as before.
import { registerMessages } from '@shared/i18n/dictionary';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import type { RosterEntry } from '@shared/roster/roster';
import { foldName } from '@shared/roster/validate-roster';
import { useMemo, useState } from 'preact/hooks';
import * as officialsApi from '../../lib/officials';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(HOUSEHOLD_FORM_MESSAGES);

const SHOWN = 8;

/** Entries whose code, head name or address contain every word of the query (no case, no diacritics). */
export function matchRoster(entries: readonly RosterEntry[], query: string, limit = SHOWN): RosterEntry[] {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  return entries
    .filter((e) => {
      const haystack = foldName(`${e.householdCode} ${e.headName} ${e.address}`);
      return words.every((word) => haystack.includes(word));
    })
    .slice(0, limit);
}

interface Props {
  /** The round recorded in: its roster is the one of the round's area set. */
  roundId: string;
  wardCode: string;
  villageCode: string;
  /** The code already chosen (editing a response that has one). */
  chosen?: string;
  /** Codes of households already answered in this round (marked, so the collector opens the one that counts). */
  answered?: ReadonlySet<string>;
  onPick: (entry: RosterEntry | undefined) => void;
}

export function RosterPicker({ roundId, wardCode, villageCode, chosen, answered, onPick }: Props) {
  const { t } = useLang();
  const roster = useAsync(() => officialsApi.roster(wardCode, villageCode, roundId).catch(() => undefined), [roundId, wardCode, villageCode]);
  const [query, setQuery] = useState('');
  const entries = roster.data?.entries ?? [];
  const matches = useMemo(() => matchRoster(entries, query), [entries, query]);
  if (entries.length === 0) return null;
  const current = entries.find((e) => e.householdCode === chosen);
  if (chosen) {
    return (
      <div class="roster-picker chosen" data-testid="roster-chosen">
        <span>{t('ui.picker.chosen', { code: chosen, name: current?.headName ?? '' })}</span>{' '}
        <button type="button" class="link-button" data-testid="roster-clear" onClick={() => onPick(undefined)}>
          {t('ui.picker.clear')}
        </button>
      </div>
    );
  }
  return (
    <div class="roster-picker field">
      <label for="roster-search">{t('ui.picker.label', { n: entries.length })}</label>
      <input
        id="roster-search"
        type="search"
        autocomplete="off"
        data-testid="roster-search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        placeholder={t('ui.picker.placeholder')}
      />
      {matches.length > 0 && (
        <ul class="roster-matches" data-testid="roster-matches">
          {matches.map((entry) => (
            <li key={entry.householdCode}>
              <button
                type="button"
                class="secondary"
                data-testid={`roster-pick-${entry.householdCode}`}
                data-answered={answered?.has(entry.householdCode) ? 'true' : undefined}
                onClick={() => {
                  setQuery('');
                  onPick(entry);
                }}
              >
                <strong>{entry.headName}</strong> · {entry.householdCode}
                {entry.address && <span class="muted"> · {entry.address}</span>}
                {answered?.has(entry.householdCode) && (
                  <span class="badge" data-testid="roster-answered">
                    {' '}
                    · {t('ui.picker.answered')}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query && matches.length === 0 && <p class="hint">{t('ui.picker.no_match')}</p>}
    </div>
  );
}
