// The review desk: a ward's households filtered by state and village, one opened read-only beside the list,
// and the three actions (approve, return with a comment, reject with a reason), after which the next household
// opens. Keyboard: j / ↓ next, k / ↑ previous, a approve, r return, x reject, while focus is not in a field
// (no accessKey: it collides with screen readers' own keys; every action is also a button).
import type { StoredResponse } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import type { Definition } from '@shared/questionnaire';
import { needsComment, REVIEW_STATES, type ReviewState } from '@shared/review/review';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import { ResponseHistory } from '../../components/ResponseHistory';
import { filterResponses, nextAfterAction, type ReviewFilter, reviewedResponse, reviewResponse, stateOf, stepFrom } from '../../lib/officials';
import { ApiError } from '../../lib/platform/api';
import { areaName } from '../../lib/platform/areas';
import { formatTime } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { HouseholdAnswers } from './household-answers';

const ACTION_KEYS: Record<string, ReviewState> = { a: 'approved', r: 'returned', x: 'rejected' };

interface Props {
  initial: StoredResponse[];
  definition: Definition;
  villages: readonly Area[];
}

export function ReviewDesk({ initial, definition, villages }: Props) {
  const { lang, t } = useLang();
  const [responses, setResponses] = useState(initial);
  const [filter, setFilter] = useState<ReviewFilter>({ state: 'submitted', villageCode: 'all' });
  const shown = filterResponses(responses, filter);
  const [selected, setSelected] = useState<string | undefined>(shown[0]?.id);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'warning' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const current = shown.find((r) => r.id === selected) ?? shown[0];

  const currentId = current?.id;
  useEffect(() => {
    if (currentId) document.getElementById(`review-item-${currentId}`)?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);

  const select = (id: string | undefined) => {
    setSelected(id);
    setComment('');
    setCommentError(false);
  };

  async function act(state: ReviewState) {
    if (!current || busy) return;
    if (needsComment(state) && !comment.trim()) {
      setCommentError(true);
      commentRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const updated = await reviewResponse(current, state, comment.trim() || undefined);
      const next = responses.map((r) => (r.id === updated.id ? updated : r));
      setResponses(next);
      setNotice({ kind: 'success', text: t('ui.review.saved', { name: current.household.head_name, state: t(`ui.review.state.${state}`) }) });
      select(nextAfterAction(shown, filterResponses(next, filter), current.id));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        const fresh = await reviewedResponse(current.id).catch(() => undefined);
        if (fresh) setResponses(responses.map((r) => (r.id === fresh.id ? fresh : r)));
        setNotice({ kind: 'warning', text: t('ui.review.changed_elsewhere') });
      } else {
        setNotice({ kind: 'error', text: failure instanceof Error ? failure.message : String(failure) });
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown') select(stepFrom(shown, current?.id, 1));
    else if (key === 'k' || key === 'ArrowUp') select(stepFrom(shown, current?.id, -1));
    else if (ACTION_KEYS[key]) void act(ACTION_KEYS[key]);
    else return;
    event.preventDefault();
  }

  const villageName = (code: string) => {
    const village = villages.find((v) => v.code === code);
    return village ? areaName(village, lang) : code;
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the desk's keyboard shortcuts; every action is also a button.
    <div class="review-desk" onKeyDown={onKeyDown} data-testid="review-desk">
      <p class="hint">{t('ui.review.keys')}</p>
      <div class="review-filters">
        <div class="field inline">
          <label for="review-state">{t('ui.review.filter_state')}</label>
          <select
            id="review-state"
            data-testid="review-filter-state"
            value={filter.state}
            onChange={(e) => setFilter({ ...filter, state: e.currentTarget.value as ReviewFilter['state'] })}
          >
            <option value="all">{t('ui.review.all')}</option>
            {REVIEW_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`ui.review.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="review-village">{t('ui.review.filter_village')}</label>
          <select
            id="review-village"
            data-testid="review-filter-village"
            value={filter.villageCode}
            onChange={(e) => setFilter({ ...filter, villageCode: e.currentTarget.value })}
          >
            <option value="all">{t('ui.review.all')}</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {areaName(v, lang)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <Notice kind={notice.kind} testId="review-notice">
          {notice.text}
        </Notice>
      )}
      <p class="muted" aria-live="polite">
        {t('ui.review.shown', { shown: shown.length, total: responses.length })}
      </p>
      {shown.length === 0 ? (
        <p class="hint">{t('ui.review.none')}</p>
      ) : (
        <div class="review-columns">
          <section aria-label={t('ui.review.list')}>
            <ol class="review-list" data-testid="review-list">
              {shown.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    id={`review-item-${r.id}`}
                    class="review-item"
                    aria-current={r.id === current?.id ? 'true' : undefined}
                    data-testid="review-item"
                    data-id={r.id}
                    data-state={stateOf(r)}
                    onClick={() => select(r.id)}
                  >
                    <strong>{r.household.head_name}</strong> <span class="muted">{villageName(r.villageCode)}</span>{' '}
                    <span class={`state-badge review-${stateOf(r)}`}>{t(`ui.review.state.${stateOf(r)}`)}</span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
          {current ? (
            <section class="review-detail" aria-labelledby="review-household" data-testid="review-detail" data-id={current.id}>
              <h2 id="review-household">
                {t('ui.review.household')}: {current.household.head_name}
              </h2>
              <p class="muted">
                {villageName(current.villageCode)} · <span data-testid="review-state">{t(`ui.review.state.${stateOf(current)}`)}</span>
              </p>
              {current.review?.by && current.review.at && (
                <p class="muted">
                  {t('ui.review.by', { by: current.review.by, at: formatTime(current.review.at, lang) })}
                  {current.review.comment ? ` — ${current.review.comment}` : ''}
                </p>
              )}
              <HouseholdAnswers response={current} definition={definition} />
              <ResponseHistory key={current.id} responseId={current.id} />
              <div class="field">
                <label for="review-comment">{t('ui.review.comment_label')}</label>
                <textarea
                  id="review-comment"
                  ref={commentRef}
                  rows={3}
                  maxLength={1000}
                  value={comment}
                  data-testid="review-comment"
                  aria-invalid={commentError ? 'true' : undefined}
                  aria-describedby={commentError ? 'review-comment-error' : undefined}
                  onInput={(e) => {
                    setComment(e.currentTarget.value);
                    setCommentError(false);
                  }}
                />
                {commentError && (
                  <p id="review-comment-error" class="field-error" data-testid="review-comment-error">
                    {t('validation.comment_required')}
                  </p>
                )}
              </div>
              <div class="review-actions">
                <button type="button" class="primary" disabled={busy} data-testid="review-approve" onClick={() => act('approved')}>
                  {t('ui.review.approve')}
                </button>
                <button type="button" class="secondary" disabled={busy} data-testid="review-return" onClick={() => act('returned')}>
                  {t('ui.review.return')}
                </button>
                <button type="button" class="danger" disabled={busy} data-testid="review-reject" onClick={() => act('rejected')}>
                  {t('ui.review.reject')}
                </button>
              </div>
              <div class="review-actions">
                <button type="button" class="link-button" onClick={() => select(stepFrom(shown, current.id, -1))}>
                  {t('ui.review.previous')}
                </button>
                <button type="button" class="link-button" data-testid="review-next" onClick={() => select(stepFrom(shown, current.id, 1))}>
                  {t('ui.review.next')}
                </button>
              </div>
            </section>
          ) : (
            <p class="hint">{t('ui.review.pick')}</p>
          )}
        </div>
      )}
    </div>
  );
}
