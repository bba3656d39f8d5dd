// The questions of the round's questionnaire: the household section, then the members one card at a time with
// a "next member" button. Shared by the collector's HouseholdForm and the household's own self-report page;
// saving is the caller's business.
import { registerMessages } from '@shared/i18n/dictionary';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import { type HouseholdFormModel, visibleHouseholdQuestions } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';
import { MemberCard } from '../MemberCard';
import { QuestionField } from '../QuestionField';

// The form's words travel with the form (a lazy chunk), not in the collector's first download.
registerMessages(HOUSEHOLD_FORM_MESSAGES);

interface Props {
  form: HouseholdFormModel;
  referenceYear: number;
  /** The round's reference date (YYYY-MM-DD): ages are counted at it. */
  referenceDate?: string;
  /** Shown messages by path. */
  errors: ReadonlyMap<string, string>;
}

export function HouseholdFields({ form, referenceYear, referenceDate, errors }: Props) {
  const { t } = useLang();
  const { state, definition } = form;
  const { min, max } = definition.members;
  const last = state.members.length - 1;
  return (
    <>
      <section class="form-section">
        <h2>{t('ui.form.section_household')}</h2>
        {visibleHouseholdQuestions(state.household, definition).map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            choices={question.choices ? definition.choices[question.choices] : undefined}
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
            household={state.household}
            definition={definition}
            referenceYear={referenceYear}
            referenceDate={referenceDate}
            open={form.openMember === index}
            canRemove={state.members.length > Math.max(min, 1)}
            errors={errors}
            onToggle={() => form.setOpenMember(form.openMember === index ? -1 : index)}
            onChange={(questionId, value) => form.setMemberAnswer(index, questionId, value)}
            onBlur={form.touch}
            onRemove={() => form.removeMember(index)}
            onNext={index < last ? form.nextMember : undefined}
          />
        ))}
        {state.members.length < max ? (
          <button type="button" class="secondary wide" data-testid="member-add" onClick={form.addMember}>
            {t('ui.form.add_member')}
          </button>
        ) : (
          <p class="hint">{t('ui.form.max_members', { max })}</p>
        )}
      </section>
    </>
  );
}
