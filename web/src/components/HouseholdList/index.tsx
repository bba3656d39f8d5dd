// The households of one village on this phone, each with its upload state (draft, waiting, uploaded,
// changed, rejected with the server's reason, conflict), the summary of what still waits and the upload
// button, a search and state filters. The server's list is remembered on the phone, so the list and editing
// work offline too.
import { useEffect, useState } from 'preact/hooks';
import {
  countByFilter,
  deleteResponse,
  findHouseholds,
  type HouseholdFilter,
  listResponses,
  useOnline,
  useOutboxCounts,
  useSyncStatus,
  useVillageHouseholds,
} from '../../lib/outbox';
import { ApiError } from '../../lib/platform/api';
import { type Flash, takeFlash } from '../../lib/platform/flash';
import { type Translate, useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { Notice } from '../Notice';
import { badgesOf } from './badges';
import { type HouseholdRowModel, rowOf, STATUS_LABEL } from './rows';
import { HouseholdSearch } from './search';
import { OutboxSummary } from './summary';

/** Why the server's list did not load, in plain words: a failing server is not "no network". */
function listFailure(failure: unknown, t: Translate): string {
  if (failure instanceof ApiError && failure.status >= 500) return t('ui.collect.list_failed_server', { status: failure.status });
  return failure instanceof Error ? failure.message : String(failure);
}

interface Props {
  owner: string;
  roundId: string;
  wardCode: string;
  villageCode: string;
}

export function HouseholdList({ owner, roundId, wardCode, villageCode }: Props) {
  const { t } = useLang();
  const records = useVillageHouseholds(owner, roundId, villageCode);
  const online = useOnline();
  const sync = useSyncStatus();
  // The counter covers every village of this account: the upload button sends them all.
  const counts = useOutboxCounts(owner);
  const [fetching, setFetching] = useState(true);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [flash, setFlashState] = useState<Flash | undefined>(takeFlash);
  const [confirming, setConfirming] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<HouseholdFilter>('all');

  async function loadPage(from?: string) {
    setFetching(true);
    setError(undefined);
    try {
      const page = await listResponses({ roundId, wardCode, villageCode, cursor: from });
      setCursor(page.cursor);
    } catch (failure) {
      // Offline the phone's copy is the list; only a refusal by the server is worth a message.
      if (!(failure instanceof ApiError && failure.status === 0)) setError(listFailure(failure, t));
    } finally {
      setFetching(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page is loaded again for another village, on "try again" (attempt) and when the network returns (online); loadPage is a new closure each render.
  useEffect(() => {
    void loadPage();
  }, [roundId, wardCode, villageCode, attempt, online]);

  async function remove(row: HouseholdRowModel) {
    setConfirming(undefined);
    const params = { name: row.name };
    try {
      const done = await deleteResponse(row.id);
      setFlashState({ key: done ? 'ui.collect.deleted' : 'ui.outbox.delete_queued', params });
    } catch (failure) {
      setError(listFailure(failure, t));
    }
  }

  const all = records ?? [];
  const rows = findHouseholds(all, query, filter).map(rowOf);
  return (
    <section class="household-list" aria-busy={fetching}>
      {flash && (
        <Notice kind="success" testId="flash">
          {t(flash.key, flash.params)}
        </Notice>
      )}
      {!online && (
        <Notice kind="warning" testId="offline-notice">
          {t('ui.outbox.offline')}
        </Notice>
      )}
      {sync.needsSignIn && (
        <Notice kind="warning" testId="needs-signin">
          {t('ui.outbox.needs_signin')}
        </Notice>
      )}
      <a class="button primary wide" href={href('collect', villageCode, 'new')} data-testid="new-household">
        {t('ui.collect.new_household')}
      </a>
      <OutboxSummary counts={counts} sync={sync} online={online} />
      <h2>{t('ui.collect.households')}</h2>
      {error && (
        <Notice kind="error" testId="list-error">
          {error}{' '}
          <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('ui.retry')}
          </button>
        </Notice>
      )}
      {all.length > 0 && <HouseholdSearch query={query} onQuery={setQuery} filter={filter} onFilter={setFilter} counts={countByFilter(all)} />}
      {records && !fetching && all.length === 0 && <p class="hint">{t('ui.collect.empty')}</p>}
      {all.length > 0 && rows.length === 0 && (
        <p class="hint" data-testid="no-match">
          {t('ui.collect.no_match')}
        </p>
      )}
      <ul class="cards" data-testid="household-list">
        {rows.map((row) => (
          <HouseholdRow key={row.id} row={row} villageCode={villageCode} confirming={confirming === row.id} onConfirm={setConfirming} onRemove={remove} />
        ))}
      </ul>
      {(fetching || !records) && <p class="hint">{t('ui.loading')}</p>}
      {!fetching && cursor && (
        <button type="button" class="secondary wide" data-testid="load-more" onClick={() => loadPage(cursor)}>
          {t('ui.collect.load_more')}
        </button>
      )}
    </section>
  );
}

interface RowProps {
  row: HouseholdRowModel;
  villageCode: string;
  confirming: boolean;
  onConfirm: (id: string | undefined) => void;
  onRemove: (row: HouseholdRowModel) => void;
}

function HouseholdRow({ row, villageCode, confirming, onConfirm, onRemove }: RowProps) {
  const { t } = useLang();
  const name = row.name || t('ui.outbox.no_name');
  return (
    <li class={`card household-row state-${row.status}`} data-testid="household-row" data-id={row.id} data-state={row.status}>
      <div class="household-info">
        <strong class="household-name">{name}</strong>
        {row.address && <span>{row.address}</span>}
        <span class="muted">{t('ui.collect.members_count', { count: row.memberCount })}</span>
        <span class="row-badges">
          <span class={`state-badge state-${row.status}`} data-testid="household-state">
            {t(STATUS_LABEL[row.status])}
          </span>
          {badgesOf(row).map((badge) => (
            <span key={badge.testId} class={`state-badge tone-${badge.tone}`} data-testid={badge.testId}>
              {t(badge.key, badge.params)}
            </span>
          ))}
        </span>
        {row.reason && (
          <span class="reason" data-testid="household-reason">
            {t('ui.outbox.rejected_reason', { reason: row.reason })} {t('ui.outbox.rejected_fix')}
          </span>
        )}
        {row.returnedComment && (
          <span class="reason" data-testid="household-review-comment">
            {t('ui.review.comment', { comment: row.returnedComment })}
          </span>
        )}
        {row.status === 'conflict' && (
          <span class="reason" data-testid="household-conflict">
            {t('ui.outbox.conflict_fix')}
          </span>
        )}
      </div>
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a <fieldset> would bring its own border, padding and min-width to this flex row of buttons; the group role names the set without it.
        <div class="row-actions confirm" role="group">
          <span>{t('ui.collect.confirm_delete', { name })}</span>
          <button type="button" class="danger" data-testid="household-delete-confirm" onClick={() => onRemove(row)}>
            {t('ui.collect.confirm_delete_yes')}
          </button>
          <button type="button" class="secondary" onClick={() => onConfirm(undefined)}>
            {t('ui.cancel')}
          </button>
        </div>
      ) : (
        <div class="row-actions">
          <a class="button secondary" href={href('collect', villageCode, row.id)} data-testid="household-edit">
            {t(row.status === 'conflict' || row.status === 'rejected' ? 'ui.outbox.open' : 'ui.collect.edit')}
          </a>
          {row.status !== 'deleting' && (
            <button type="button" class="secondary" data-testid="household-delete" onClick={() => onConfirm(row.id)}>
              {t('ui.collect.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
