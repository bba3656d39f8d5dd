// The questions of the household form: the household section, then the members one card at a time. Shared by
// the collector's HouseholdForm and the household's own self-report page; saving is the caller's business.
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { type HouseholdFormModel, visibleHouseholdQuestions } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';
import { MemberCard } from '../MemberCard';
import { QuestionField } from '../QuestionField';

interface Props {
  form: HouseholdFormModel;
  referenceYear: number;
  /** Shown messages by path. */
  errors: ReadonlyMap<string, string>;
}

export function HouseholdFields({ form, referenceYear, errors }: Props) {
  const { t } = useLang();
  const { state } = form;
  return (
    <>
      <section class="form-section">
        <h2>{t('ui.form.section_household')}</h2>
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
            referenceYear={referenceYear}
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
    </>
  );
}
