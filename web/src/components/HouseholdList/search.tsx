// The search box and the state filters above a village's households: a village head looks for one household
// among a hundred by a few letters of a name, a code or an address, typed without diacritics.
import type { MessageKey } from '@shared/i18n/dictionary';
import { HOUSEHOLD_FILTERS, type HouseholdFilter } from '../../lib/outbox';
import { useLang } from '../../lib/platform/use-lang';

const FILTER_LABEL: Record<HouseholdFilter, MessageKey> = {
  all: 'ui.collect.filter.all',
  waiting: 'ui.collect.filter.waiting',
  draft: 'ui.collect.filter.draft',
  attention: 'ui.collect.filter.attention',
  sent: 'ui.collect.filter.sent',
};

interface Props {
  query: string;
  onQuery: (query: string) => void;
  filter: HouseholdFilter;
  onFilter: (filter: HouseholdFilter) => void;
  counts: Record<HouseholdFilter, number>;
}

export function HouseholdSearch({ query, onQuery, filter, onFilter, counts }: Props) {
  const { t } = useLang();
  return (
    <div class="household-search">
      <label for="household-search">{t('ui.collect.search')}</label>
      <input
        id="household-search"
        type="search"
        value={query}
        placeholder={t('ui.collect.search_hint')}
        autocomplete="off"
        data-testid="household-search"
        onInput={(event) => onQuery(event.currentTarget.value)}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> would bring its own border, padding and min-width to this wrapping row of buttons; the group role names the set without it. */}
      <div class="filters" role="group" aria-label={t('ui.collect.filter')}>
        {HOUSEHOLD_FILTERS.map((option) => (
          <button type="button" key={option} class="filter" aria-pressed={filter === option} data-testid={`filter-${option}`} onClick={() => onFilter(option)}>
            {t(FILTER_LABEL[option], { count: counts[option] })}
          </button>
        ))}
      </div>
    </div>
  );
}
