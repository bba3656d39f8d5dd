// "My households" of one village in the open round: who was surveyed, with edit and delete.
import { useEffect, useState } from 'preact/hooks';
import type { StoredResponse } from '../../../../shared/api/contract';
import { takeFlash, type Flash } from '../../lib/flash';
import { deleteResponse, listResponses } from '../../lib/responses';
import { useLang } from '../../lib/use-lang';
import { href } from '../../lib/use-route';
import { Notice } from '../Notice';

interface Props {
  roundId: string;
  wardCode: string;
  villageCode: string;
}

interface ListState {
  items: StoredResponse[];
  cursor?: string;
  loading: boolean;
  error?: string;
}

export function HouseholdList({ roundId, wardCode, villageCode }: Props) {
  const { t } = useLang();
  const [list, setList] = useState<ListState>({ items: [], loading: true });
  const [flash, setFlashState] = useState<Flash | undefined>(takeFlash);
  const [confirming, setConfirming] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  async function loadPage(cursor?: string) {
    setList((l) => ({ ...l, loading: true, error: undefined }));
    try {
      const page = await listResponses({ roundId, wardCode, villageCode, cursor });
      setList((l) => ({ items: cursor ? [...l.items, ...page.responses] : page.responses, cursor: page.cursor, loading: false }));
    } catch (error) {
      setList((l) => ({ ...l, loading: false, error: error instanceof Error ? error.message : String(error) }));
    }
  }

  useEffect(() => {
    setList({ items: [], loading: true });
    void loadPage();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roundId, wardCode, villageCode, attempt]);

  async function remove(item: StoredResponse) {
    setConfirming(undefined);
    try {
      await deleteResponse(item.id, item.version);
      setList((l) => ({ ...l, items: l.items.filter((i) => i.id !== item.id) }));
      setFlashState({ key: 'ui.collect.deleted', params: { name: item.household.head_name } });
    } catch (error) {
      setList((l) => ({ ...l, error: error instanceof Error ? error.message : String(error) }));
      setAttempt((n) => n + 1);
    }
  }

  return (
    <section class="household-list" aria-busy={list.loading}>
      {flash && (
        <Notice kind="success" testId="flash">
          {t(flash.key, flash.params)}
        </Notice>
      )}
      <a class="button primary wide" href={href('collect', villageCode, 'new')} data-testid="new-household">
        {t('ui.collect.new_household')}
      </a>
      <h2>{t('ui.collect.households')}</h2>
      {list.error && (
        <Notice kind="error" testId="list-error">
          {list.error}{' '}
          <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('ui.retry')}
          </button>
        </Notice>
      )}
      {!list.loading && !list.error && list.items.length === 0 && <p class="hint">{t('ui.collect.empty')}</p>}
      <ul class="cards" data-testid="household-list">
        {list.items.map((item) => (
          <li key={item.id} class="card household-row" data-testid="household-row" data-id={item.id}>
            <div class="household-info">
              <strong class="household-name">{item.household.head_name}</strong>
              {item.channel === 'self' && (
                <span class="self-badge" data-testid="self-badge">
                  {t('ui.collect.self_badge')}
                </span>
              )}
              <span>{item.household.address}</span>
              <span class="muted">{t('ui.collect.members_count', { count: item.members.length })}</span>
            </div>
            {confirming === item.id ? (
              <div class="row-actions confirm" role="group">
                <span>{t('ui.collect.confirm_delete', { name: item.household.head_name })}</span>
                <button type="button" class="danger" data-testid="household-delete-confirm" onClick={() => remove(item)}>
                  {t('ui.collect.confirm_delete_yes')}
                </button>
                <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                  {t('ui.cancel')}
                </button>
              </div>
            ) : (
              <div class="row-actions">
                <a class="button secondary" href={href('collect', villageCode, item.id)} data-testid="household-edit">
                  {t('ui.collect.edit')}
                </a>
                <button type="button" class="secondary" data-testid="household-delete" onClick={() => setConfirming(item.id)}>
                  {t('ui.collect.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {list.loading && <p class="hint">{t('ui.loading')}</p>}
      {!list.loading && list.cursor && (
        <button type="button" class="secondary wide" data-testid="load-more" onClick={() => loadPage(list.cursor)}>
          {t('ui.collect.load_more')}
        </button>
      )}
    </section>
  );
}
