// The household form: the round's questionnaire (household questions, then the members one card at a time),
// checked on submit (and on blur once touched) with the questionnaire's validator, every problem at once. Every change is kept on the phone as a draft as it is
// typed; a submit commits the answers to the outbox (lib/outbox) and closes the form at once (at most a second
// for a quick answer of the server): the upload goes on in the list, whatever the server's speed.

import type { StoredResponse } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import type { Definition } from '@shared/questionnaire';
import type { RosterEntry } from '@shared/roster/roster';
import { isRoundOpen } from '@shared/rounds/round-window';
import type { ResponseBody } from '@shared/survey/schema';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { emptyForm, type FormState, fieldId, formFromStored, issuesByPath, type ResponseTarget, useHouseholdForm } from '../../lib/household-form';
import {
  chooseInConflict,
  dropDraft,
  dropRefusedAnswers,
  keepDraft,
  type LocalHousehold,
  type Rejection,
  saveResponse,
  syncNow,
  useVillageHouseholds,
} from '../../lib/outbox';
import { areaName } from '../../lib/platform/areas';
import { setFlash } from '../../lib/platform/flash';
import { type RoundView, referenceDateOf } from '../../lib/platform/rounds';
import { loadSession } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { href, navigate } from '../../lib/platform/use-route';
import { AnsweredPanel } from '../AnsweredPanel';
import { ErrorSummary } from '../ErrorSummary';
import { HouseholdFields } from '../HouseholdFields';
import { LazyPage } from '../LazyPage';
import { Notice, type NoticeKind } from '../Notice';
import { ResponseHistory } from '../ResponseHistory';

interface Props {
  /** The id of the response: the stored one's, or a fresh UUID for a new household. */
  id: string;
  round: RoundView;
  /** The questionnaire version the round pins. */
  definition: Definition;
  village: Area;
  /** What the phone holds of it (absent for a new household). */
  record?: LocalHousehold;
}

/** Typing pauses this long before the draft is written (and at once when the page is hidden or left). */
const DRAFT_DELAY_MS = 250;

/** The 409 of a second response for a roster household: its rejection names the response that counts it. */
const HOUSEHOLD_ANSWERED = 'household_already_answered';

/** Conflicts are rare: their comparison view is its own chunk (precached for offline use). */
const loadConflictPanel = () => import('../ConflictPanel').then((m) => m.ConflictPanel);
/** The roster picker is its own chunk too: the collector's start stays within budget. */
const loadRosterPicker = () => import('../RosterPicker').then((m) => m.RosterPicker);

function initialForm(definition: Definition, record?: LocalHousehold): FormState {
  if (record?.draft) return record.draft;
  if (record?.body) return formFromStored(record.body);
  return emptyForm(definition);
}

export function HouseholdForm({ id, round, definition, village, record }: Props) {
  const { lang, t } = useLang();
  const target = useMemo<ResponseTarget>(
    () => ({ roundId: round.id, wardCode: village.parentCode ?? '', villageCode: village.code }),
    [round.id, village.code, village.parentCode],
  );
  const form = useHouseholdForm(() => initialForm(definition, record), target, round.referenceYear, definition);
  // A closed round takes no more answers: the server would refuse them; say so before any typing.
  const closed = !isRoundOpen(round, new Date());
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>();
  // The household already counts through another response: the id of that one (the collector chooses).
  const [answeredBy, setAnsweredBy] = useState<string | undefined>(() =>
    record?.rejection?.code === HOUSEHOLD_ANSWERED ? record.rejection.existingId : undefined,
  );
  const [conflict, setConflict] = useState<{ mine: ResponseBody; theirs: StoredResponse } | undefined>(() =>
    record?.state === 'conflict' && record.body && record.theirs ? { mine: record.body, theirs: record.theirs } : undefined,
  );
  const errors = useMemo(() => issuesByPath(form.shown), [form.shown]);
  // Roster households this phone knows are answered already (its own, and the server's list of the village).
  const households = useVillageHouseholds(loadSession()?.user.username ?? '', round.id, village.code);
  const answered = useMemo(() => {
    const codes = new Set<string>();
    for (const h of households ?? []) {
      const code = h.body?.householdCode ?? h.server?.householdCode;
      if (code && h.id !== id && h.state !== 'rejected' && !h.deleting) codes.add(code);
    }
    return codes;
  }, [households, id]);
  const general = form.shown.filter((issue) => !/^(household|members)\./.test(issue.path));
  const { state } = form;
  const editing = record?.version !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the stored rejection is shown once, on opening; later changes of the record come with their own notice.
  useEffect(() => {
    // A new household starts with the keyboard on its first question: one tap fewer per household.
    const first = definition.household[0];
    if (!record && first) document.getElementById(fieldId(`household.${first.id}`))?.focus();
    if (record?.state === 'rejected' && record.rejection) showRejection(record.rejection);
  }, []);

  // The draft: written shortly after each change, at once when the page is hidden or left.
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingDraft = useRef<FormState | undefined>(undefined);
  const first = useRef(true);
  const flushDraft = () => {
    clearTimeout(draftTimer.current);
    const draft = pendingDraft.current;
    pendingDraft.current = undefined;
    if (!draft) return;
    void keepDraft(id, target, draft);
    // A new household's address becomes its own, so a reload opens this draft again.
    if (location.hash.endsWith('/new')) history.replaceState(null, '', href('collect', village.code, id));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a draft is written after a change of the answers only; flushDraft reads refs and this household's id, fixed for the page (keyed on id).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    pendingDraft.current = state;
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(flushDraft, DRAFT_DELAY_MS);
  }, [state]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: listeners are added once and removed on leaving (flushing the last draft); flushDraft reads refs and the page's fixed id.
  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && flushDraft();
    document.addEventListener('visibilitychange', onHide);
    addEventListener('pagehide', flushDraft);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('pagehide', flushDraft);
      flushDraft();
    };
  }, []);

  function showRejection(rejection: Rejection) {
    if (rejection.code === HOUSEHOLD_ANSWERED && rejection.existingId) {
      setAnsweredBy(rejection.existingId);
      return;
    }
    if (rejection.issues.length > 0) form.showServerIssues(rejection.issues);
    setNotice({ kind: 'error', text: `${t('ui.outbox.rejected_reason', { reason: rejection.message })} ${t('ui.form.rejected_fix')}` });
  }

  async function submitBody(body: ResponseBody) {
    setSaving(true);
    setNotice(undefined);
    try {
      const result = await saveResponse({ id, target, body });
      const params = { name: body.household.head_name };
      if (result.state === 'uploaded') {
        setFlash({ key: 'ui.collect.saved', params });
        navigate('collect', village.code);
      } else if (result.state === 'pending') {
        // Kept on the phone: the form closes, the list shows the upload going on (or waiting for the network).
        setFlash({ key: navigator.onLine === false ? 'ui.outbox.saved_offline' : 'ui.outbox.saved_sending', params });
        navigate('collect', village.code);
      } else if (result.state === 'conflict' && result.theirs) {
        setConflict({ mine: body, theirs: result.theirs });
      } else if (result.rejection) {
        showRejection(result.rejection);
      }
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (saving || closed) return;
    const body = form.attemptSubmit();
    if (!body) return;
    // The completed answers replace the draft: no late draft write may follow them.
    clearTimeout(draftTimer.current);
    pendingDraft.current = undefined;
    await submitBody(body);
  }

  async function keepMine() {
    if (!conflict) return;
    if (record?.deleting) {
      // The collector had deleted it: keeping "mine" deletes it at the server's version.
      await chooseInConflict(id, 'mine');
      void syncNow(true);
      navigate('collect', village.code);
      return;
    }
    const body = form.attemptSubmit() ?? conflict.mine;
    clearTimeout(draftTimer.current);
    pendingDraft.current = undefined;
    await chooseInConflict(id, 'mine');
    setConflict(undefined);
    await submitBody(body);
  }

  async function keepTheirs() {
    if (!conflict) return;
    clearTimeout(draftTimer.current);
    pendingDraft.current = undefined;
    await chooseInConflict(id, 'theirs');
    first.current = true;
    form.replace(formFromStored(conflict.theirs));
    setConflict(undefined);
    setNotice({ kind: 'info', text: t('ui.form.conflict') });
  }

  async function leaveRefused(openExisting: boolean) {
    clearTimeout(draftTimer.current);
    pendingDraft.current = undefined;
    const existing = answeredBy;
    await dropRefusedAnswers(id);
    setAnsweredBy(undefined);
    if (openExisting && existing) navigate('collect', village.code, existing);
    else navigate('collect', village.code);
  }

  async function discard() {
    clearTimeout(draftTimer.current);
    pendingDraft.current = undefined;
    await dropDraft(id);
    navigate('collect', village.code);
  }

  return (
    <form class="household-form" noValidate onSubmit={onSubmit} data-testid="household-form">
      <a class="back" href={href('collect', village.code)}>
        {t('ui.form.back')}
      </a>
      <h1>{t(editing ? 'ui.form.title_edit' : 'ui.form.title_new')}</h1>
      <p class="context">
        {areaName(village, lang)} · {round.name}
      </p>
      <p class="hint">{t('ui.outbox.draft_kept')}</p>
      {conflict && (
        <LazyPage
          load={loadConflictPanel}
          props={{ mine: conflict.mine, theirs: conflict.theirs, busy: saving, onKeepMine: keepMine, onKeepTheirs: keepTheirs }}
        />
      )}
      {answeredBy && <AnsweredPanel busy={saving} onOpenExisting={() => void leaveRefused(true)} onDiscard={() => void leaveRefused(false)} />}
      {notice && (
        <Notice kind={notice.kind} testId="form-notice">
          {notice.text}
        </Notice>
      )}
      {record?.server?.review?.state === 'returned' && (
        <Notice kind="warning" testId="review-returned">
          <strong>{t('ui.review.state.returned')}.</strong> {t('ui.review.comment', { comment: record.server.review.comment ?? '' })}{' '}
          {t('ui.review.resubmit_hint')}
        </Notice>
      )}
      {closed && (
        <Notice kind="warning" testId="round-closed">
          {t('ui.form.round_closed')}
        </Notice>
      )}
      {form.submitted && <ErrorSummary issues={form.shown} general={general} definition={definition} onFocusField={form.focusField} />}

      <LazyPage
        load={loadRosterPicker}
        props={{
          roundId: round.id,
          wardCode: target.wardCode,
          villageCode: village.code,
          chosen: form.state.householdCode,
          answered,
          onPick: (entry?: RosterEntry) => {
            form.setHouseholdCode(entry?.householdCode);
            if (entry) form.setHouseholdAnswer('head_name', entry.headName);
            if (entry?.address) form.setHouseholdAnswer('address', entry.address);
          },
        }}
      />
      {editing && <ResponseHistory responseId={id} />}
      <HouseholdFields form={form} referenceYear={round.referenceYear} referenceDate={referenceDateOf(round)} errors={errors} />

      <div class="submit-bar">
        <button type="submit" class="primary wide" disabled={saving || closed} data-testid="form-submit">
          {t(saving ? 'ui.form.saving' : 'ui.form.submit')}
        </button>
        {record?.draft !== undefined && (
          <button type="button" class="link-button" data-testid="discard-draft" onClick={discard}>
            {t('ui.outbox.discard_draft')}
          </button>
        )}
      </div>
    </form>
  );
}
