// Chỉ tiêu (admins): a round's own indicator list, each in words from the round's questionnaire version; add,
// edit, remove and reorder, then save the whole list. A closed round's list can change too: the server recounts
// its figures from the stored responses, and this page follows that recount (the figures officials see stay the
// previous ones until it is done). Problems come back per indicator and field and show there.
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import type { Definition, Indicator } from '@shared/questionnaire/definition';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { type DraftField, draftOf, emptyDraft, type IndicatorDraft, indicatorsOf, moved, placeOfIssue } from '../../lib/admin';
import type { Recompute } from '../../lib/officials';
import * as officialsApi from '../../lib/officials';
import { ApiError, api } from '../../lib/platform/api';
import { formatCount } from '../../lib/platform/format';
import { type RoundView, surveyOf } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { IndicatorCard } from './indicator-card';
import { statusOf } from './round-status';

registerMessages(OFFICIALS_MESSAGES);

async function load(roundId: string) {
  const round = (await api.listRounds()).find((r) => r.id === roundId);
  if (!round) throw new ApiError(404, 'not_found', roundId);
  const { surveyId, version } = surveyOf(round);
  const [list, definition] = await Promise.all([
    officialsApi.roundIndicators(roundId),
    // Without the questionnaire the conditions still show, as JSON.
    adminApi.getSurvey(surveyId, version).catch((): Definition | undefined => undefined),
  ]);
  return { round, list, definition };
}

export default function RoundIndicatorsPage({ roundId }: { roundId: string }) {
  const data = useAsync(() => load(roundId), [roundId]);
  if (data.error) return <LoadFailed error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { round, list, definition } = data.data;
  return <IndicatorList round={round} initial={officialsApi.asIndicators(list.indicators)} recompute={list.recompute ?? null} definition={definition} />;
}

type Errors = Map<string, Partial<Record<DraftField, string>>>;

function IndicatorList({
  round,
  initial,
  recompute: initialRecompute,
  definition,
}: {
  round: RoundView;
  initial: Indicator[];
  recompute: Recompute | null;
  definition?: Definition;
}) {
  const { lang, t } = useLang();
  const [drafts, setDrafts] = useState<IndicatorDraft[]>(() => initial.map(draftOf));
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Errors>(new Map());
  const [general, setGeneral] = useState<string[]>([]);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'refused' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);
  const { recompute, finished, restart } = officialsApi.useRecount(round.id, initialRecompute);

  const change = (next: IndicatorDraft[]) => {
    setDrafts(next);
    setDirty(true);
    if (state !== 'refused') setState('idle');
  };
  const toggle = (key: string) => setOpen((keys) => (keys.has(key) ? new Set([...keys].filter((k) => k !== key)) : new Set([...keys, key])));

  async function save() {
    const { indicators, issues } = indicatorsOf(drafts, definition);
    const found: Errors = new Map();
    const note = (index: number, field: DraftField | undefined, message: string) => {
      const key = drafts[index]?.key;
      if (!key || !field) return false;
      found.set(key, { ...found.get(key), [field]: found.get(key)?.[field] ?? message });
      return true;
    };
    for (const issue of issues) note(issue.index, issue.field, t(issue.key));
    const others: string[] = [];
    if (issues.length === 0) {
      setState('saving');
      try {
        const saved = await officialsApi.saveRoundIndicators(round.id, indicators);
        setErrors(new Map());
        setGeneral([]);
        setDrafts(officialsApi.asIndicators(saved.indicators).map(draftOf));
        setOpen(new Set());
        setDirty(false);
        restart(saved.recompute ?? null);
        setState('saved');
        return;
      } catch (caught) {
        if (!(caught instanceof ApiError) || caught.issues.length === 0) {
          setFailure(caught instanceof Error ? caught.message : String(caught));
          setState('failed');
          return;
        }
        for (const issue of caught.issues) {
          const place = placeOfIssue(issue.path);
          if (!place || !note(place.index, place.field ?? 'id', issue.message)) others.push(issue.message);
        }
      }
    }
    setErrors(found);
    setGeneral(others);
    setOpen((keys) => new Set([...keys, ...found.keys()]));
    setState('refused');
  }

  return (
    <div class="admin-page indicators-page" data-testid="indicators-page">
      <p>
        <a href={href('rounds')}>{t('ui.indicators.back')}</a>
      </p>
      <h1>{t('ui.indicators.title', { name: round.name })}</h1>
      <p class="hint">{t('ui.indicators.intro')}</p>
      {statusOf(round) === 'closed' && <Notice testId="indicators-closed">{t('ui.indicators.closed')}</Notice>}
      {recompute?.state === 'running' && (
        <Notice kind="warning" testId="indicators-recompute">
          {t('ui.indicators.recomputing', {
            processed: formatCount(recompute.processed, lang),
            total: recompute.total === null ? '…' : formatCount(recompute.total, lang),
          })}
        </Notice>
      )}
      {recompute?.state === 'failed' && (
        <Notice kind="error" testId="indicators-recompute">
          {t('ui.indicators.recompute_failed', { error: recompute.error ?? '' })}
        </Notice>
      )}
      {finished && !recompute && (
        <Notice kind="success" testId="indicators-recounted">
          {t('ui.indicators.recompute_done')}
        </Notice>
      )}
      {state === 'saved' && (
        <Notice kind="success" testId="indicators-saved">
          {t('ui.indicators.saved')}
        </Notice>
      )}
      {state === 'refused' && (
        <Notice kind="error" testId="indicators-refused">
          {t('ui.indicators.refused')}
          {general.length > 0 && (
            <>
              {' '}
              {t('ui.indicators.other_issues')}
              <ul>
                {general.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </>
          )}
        </Notice>
      )}
      {state === 'failed' && (
        <Notice kind="error" testId="indicators-failed">
          {failure}
        </Notice>
      )}
      {drafts.length === 0 && <p class="muted">{t('ui.indicators.none')}</p>}
      <ol class="indicator-list">
        {drafts.map((draft, index) => (
          <IndicatorCard
            key={draft.key}
            index={index}
            count={drafts.length}
            draft={draft}
            definition={definition}
            open={open.has(draft.key)}
            errors={errors.get(draft.key) ?? {}}
            onChange={(next) => change(drafts.map((d) => (d.key === draft.key ? next : d)))}
            onToggle={() => toggle(draft.key)}
            onMove={(by) => change(moved(drafts, index, by))}
            onRemove={() => change(drafts.filter((d) => d.key !== draft.key))}
          />
        ))}
      </ol>
      <div class="admin-actions sticky-actions">
        <button
          type="button"
          class="secondary"
          data-testid="indicator-add"
          onClick={() => {
            const draft = emptyDraft();
            change([...drafts, draft]);
            setOpen((keys) => new Set([...keys, draft.key]));
          }}
        >
          {t('ui.indicators.add')}
        </button>
        <button type="button" class="primary" data-testid="indicators-save" disabled={state === 'saving'} onClick={save}>
          {t(state === 'saving' ? 'ui.indicators.saving' : 'ui.indicators.save')}
        </button>
        {dirty && <span class="muted">{t('ui.indicators.unsaved')}</span>}
      </div>
    </div>
  );
}
