// The household form: household questions, then the members one card at a time, checked on submit (and
// on blur once touched) with the shared validation, saved through lib/responses.
import { useMemo, useState } from 'preact/hooks';
import type { Round, StoredResponse } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { HOUSEHOLD_FORM } from '../../../../shared/survey/form';
import { ApiError } from '../../lib/api';
import { areaName } from '../../lib/areas';
import { setFlash } from '../../lib/flash';
import { issuesByPath } from '../../lib/form-issues';
import { emptyForm, formFromStored, visibleHouseholdQuestions, type ResponseTarget } from '../../lib/form-state';
import { loadResponse, saveResponse } from '../../lib/responses';
import { useHouseholdForm } from '../../lib/use-household-form';
import { useLang } from '../../lib/use-lang';
import { href, navigate } from '../../lib/use-route';
import { ErrorSummary } from '../ErrorSummary';
import { MemberCard } from '../MemberCard';
import { Notice, type NoticeKind } from '../Notice';
import { QuestionField } from '../QuestionField';
import { RosterPicker } from '../RosterPicker';

interface Props {
  /** The id of the response: the stored one's, or a fresh UUID for a new household. */
  id: string;
  round: Round;
  village: Area;
  stored?: StoredResponse;
}

export function HouseholdForm({ id, round, village, stored }: Props) {
  const { lang, t } = useLang();
  const target = useMemo<ResponseTarget>(
    () => ({ roundId: round.id, wardCode: village.parentCode ?? '', villageCode: village.code }),
    [round.id, village.code, village.parentCode],
  );
  const form = useHouseholdForm(() => (stored ? formFromStored(stored) : emptyForm()), target, round.referenceYear);
  const [version, setVersion] = useState(stored?.version);
  // The roster household this response is about (issue 6), chosen with the roster picker.
  const [householdCode, setHouseholdCode] = useState(stored?.householdCode);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>();
  const errors = useMemo(() => issuesByPath(form.shown), [form.shown]);
  const general = form.shown.filter((issue) => !/^(household|members)\./.test(issue.path));
  const { state } = form;

  async function reloadAfterConflict() {
    try {
      const fresh = await loadResponse(id);
      form.replace(formFromStored(fresh));
      setVersion(fresh.version);
      setHouseholdCode(fresh.householdCode);
      setNotice({ kind: 'warning', text: t('ui.form.conflict') });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (saving) return;
    const body = form.attemptSubmit();
    if (!body) return;
    setSaving(true);
    setNotice(undefined);
    try {
      await saveResponse({ id, body: householdCode ? { ...body, householdCode } : body, version });
      setFlash({ key: 'ui.collect.saved', params: { name: body.household.head_name } });
      navigate('collect', village.code);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code !== 'deleted') {
        await reloadAfterConflict();
      } else {
        if (error instanceof ApiError && error.issues.length > 0) form.showServerIssues(error.issues);
        setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="household-form" noValidate onSubmit={onSubmit} data-testid="household-form">
      <a class="back" href={href('collect', village.code)}>
        {t('ui.form.back')}
      </a>
      <h1>{t(stored ? 'ui.form.title_edit' : 'ui.form.title_new')}</h1>
      <p class="context">
        {areaName(village, lang)} · {round.name}
      </p>
      {notice && (
        <Notice kind={notice.kind} testId="form-notice">
          {notice.text}
        </Notice>
      )}
      {form.submitted && <ErrorSummary issues={form.shown} general={general} />}

      <section class="form-section">
        <h2>{t('ui.form.section_household')}</h2>
        <RosterPicker
          wardCode={target.wardCode}
          villageCode={village.code}
          chosen={householdCode}
          onPick={(entry) => {
            setHouseholdCode(entry?.householdCode);
            if (entry) form.setHouseholdAnswer('head_name', entry.headName);
            if (entry?.address) form.setHouseholdAnswer('address', entry.address);
          }}
        />
        {visibleHouseholdQuestions(state.household).map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            path={`household.${question.id}`}
            value={state.household[question.id]}
            error={errors.get(`household.${question.id}`)}
            onChange={(value) => form.setHouseholdAnswer(question.id, value)}
            onBlur={() => form.touch(`household.${question.id}`)}
          />
        ))}
      </section>

      <section class="form-section">
        <h2>
          {t('ui.form.section_members')} ({state.members.length})
        </h2>
        {state.members.map((member, index) => (
          <MemberCard
            key={member.key}
            index={index}
            member={member}
            referenceYear={round.referenceYear}
            open={form.openMember === index}
            canRemove={state.members.length > HOUSEHOLD_FORM.minMembers}
            errors={errors}
            onToggle={() => form.setOpenMember(form.openMember === index ? -1 : index)}
            onChange={(questionId, value) => form.setMemberAnswer(index, questionId, value)}
            onBlur={form.touch}
            onRemove={() => form.removeMember(index)}
          />
        ))}
        {state.members.length < HOUSEHOLD_FORM.maxMembers ? (
          <button type="button" class="secondary wide" data-testid="member-add" onClick={form.addMember}>
            {t('ui.form.add_member')}
          </button>
        ) : (
          <p class="hint">{t('ui.form.max_members', { max: HOUSEHOLD_FORM.maxMembers })}</p>
        )}
      </section>

      <div class="submit-bar">
        <button type="submit" class="primary wide" disabled={saving} data-testid="form-submit">
          {t(saving ? 'ui.form.saving' : 'ui.form.submit')}
        </button>
      </div>
    </form>
  );
}
