// The household's form itself: what it starts with (its own draft, what it sent, or the roster's name and
// address), the draft kept on every change, and sending with the version it loaded (a 409 keeps what was typed).

import type { SelfForm } from '@shared/api/links';
import type { Definition } from '@shared/questionnaire';
import type { ResponseBody } from '@shared/survey/schema';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HouseholdFields } from '../../components/HouseholdFields';
import { Notice, type NoticeKind } from '../../components/Notice';
import { emptyForm, type FormState, formFromStored, issuesByPath, type ResponseTarget, useHouseholdForm } from '../../lib/household-form';
import { ApiError, api } from '../../lib/platform/api';
import { areaName } from '../../lib/platform/areas';
import { referenceDateOf } from '../../lib/platform/rounds';
import { useLang } from '../../lib/platform/use-lang';
import {
  afterConflict,
  clearSelfDraft,
  draftToRestore,
  formatDay,
  formatMoment,
  loadSelfDraft,
  prefilledHousehold,
  saveSelfDraft,
} from '../../lib/self-report';

/** The first answers: the household's own unsent draft, else what it sent, else a blank form with the roster's name and address. */
function initialState(data: SelfForm, definition: Definition, restored: FormState | undefined): FormState {
  if (restored) return restored;
  if (data.response) return formFromStored(data.response);
  const blank = emptyForm(definition);
  return { ...blank, household: { ...blank.household, ...prefilledHousehold(data.link, definition) } };
}

export function SelfReportForm({ token, data, definition }: { token: string; data: SelfForm; definition: Definition }) {
  const { lang, t } = useLang();
  const { link, round, ward, village } = data;
  const target = useMemo<ResponseTarget>(() => ({ roundId: round.id, wardCode: ward.code, villageCode: village.code }), [round.id, ward.code, village.code]);
  const [restored] = useState(() => draftToRestore(loadSelfDraft(link.linkId), data.response?.version));
  const form = useHouseholdForm(() => initialState(data, definition, restored?.state), target, round.referenceYear, definition);
  const [version, setVersion] = useState(data.response?.version);
  const [sentAt, setSentAt] = useState(data.response?.updatedAt);
  const [saving, setSaving] = useState(false);
  const [closedMessage, setClosedMessage] = useState<string | undefined>(data.deleted ? t('error.deleted') : undefined);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>(
    restored ? { kind: 'info', text: t('ui.self.draft_restored') } : undefined,
  );
  const errors = useMemo(() => issuesByPath(form.shown), [form.shown]);
  const general = form.shown.filter((issue) => !/^(household|members)\./.test(issue.path));
  const top = useRef<HTMLDivElement>(null);

  // Every change is kept on the device (not the first render: that is what is already stored or sent).
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: saved on a change of the answers only; a new version after a send clears the draft or (a conflict) saves it itself, and the form is keyed on linkId.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    saveSelfDraft(link.linkId, { state: form.state, baseVersion: version ?? null, savedAt: new Date().toISOString() });
  }, [form.state]);

  const show = (kind: NoticeKind, text: string) => {
    setNotice({ kind, text });
    top.current?.scrollIntoView({ block: 'start' });
  };

  /** A 409: the typed answers stay in the form and in the draft; only the version to send at is learned. */
  async function settleConflict(typed: ResponseBody, conflict: ApiError) {
    const fresh = await api.getSelf(token).catch(() => undefined);
    const outcome = afterConflict(typed, fresh, conflict.currentVersion);
    if (!outcome) return show('error', conflict.message);
    if (outcome.kind === 'deleted') return setClosedMessage(t('error.deleted'));
    setVersion(outcome.version);
    setSentAt(outcome.sentAt);
    if (outcome.kind === 'sent') {
      clearSelfDraft(link.linkId);
      return show('success', t(version === undefined ? 'ui.self.submitted' : 'ui.self.revised'));
    }
    saveSelfDraft(link.linkId, { state: form.state, baseVersion: outcome.version, savedAt: new Date().toISOString() });
    show('warning', t('ui.self.conflict_kept'));
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (saving || closedMessage) return;
    const body = form.attemptSubmit();
    if (!body) return;
    setSaving(true);
    setNotice(undefined);
    try {
      const result = await api.putSelf(token, { household: body.household, members: body.members }, version);
      setVersion(result.version);
      setSentAt(new Date().toISOString());
      clearSelfDraft(link.linkId);
      show('success', t(result.created ? 'ui.self.submitted' : 'ui.self.revised'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code === 'deleted') {
        setClosedMessage(error.message);
      } else if (error instanceof ApiError && error.status === 409) {
        await settleConflict(body, error);
      } else if (error instanceof ApiError && error.status === 401) {
        setClosedMessage(error.message);
      } else {
        if (error instanceof ApiError && error.issues.length > 0) form.showServerIssues(error.issues);
        show('error', error instanceof Error ? error.message : String(error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="household-form" noValidate onSubmit={onSubmit} data-testid="self-form">
      <div ref={top} />
      <p class="context" data-testid="self-place">
        {areaName(village, lang)}, {areaName(ward, lang)} · {round.name}
      </p>
      {link.headName && <p class="self-household">{t('ui.self.for_household', { name: link.headName })}</p>}
      <p class="hint">{t('ui.self.intro')}</p>
      <p class="hint">{t('ui.self.until', { date: formatDay(link.expiresAt, lang) })}</p>
      {sentAt && version !== undefined && (
        <p class="hint" data-testid="self-sent-at">
          {t('ui.self.last_sent', { time: formatMoment(sentAt, lang) })}
        </p>
      )}
      {closedMessage && (
        <Notice kind="error" testId="link-problem">
          {closedMessage}
        </Notice>
      )}
      {notice && (
        <Notice kind={notice.kind} testId="self-notice">
          {notice.text}
        </Notice>
      )}
      {form.submitted && <ErrorSummary issues={form.shown} general={general} definition={definition} onFocusField={form.focusField} />}
      <fieldset class="plain" disabled={Boolean(closedMessage)}>
        <HouseholdFields form={form} referenceYear={round.referenceYear} referenceDate={referenceDateOf(round)} errors={errors} />
        <div class="submit-bar">
          <button type="submit" class="primary wide" disabled={saving} data-testid="form-submit">
            {t(saving ? 'ui.self.sending' : version === undefined ? 'ui.self.submit' : 'ui.self.resubmit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
