// One member of the household as a collapsible card: the header says who it is (and how many answers
// need fixing), the body asks the questions that apply at the member's age.
import { HOUSEHOLD_FORM } from '@shared/survey/form';
import { type Answer, type MemberDraft, memberAge, visibleMemberQuestions } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';
import { QuestionField } from '../QuestionField';

interface Props {
  index: number;
  member: MemberDraft;
  referenceYear: number;
  open: boolean;
  canRemove: boolean;
  /** Shown messages by path, for the whole form. */
  errors: ReadonlyMap<string, string>;
  onToggle: () => void;
  onChange: (id: string, value: Answer) => void;
  onBlur: (path: string) => void;
  onRemove: () => void;
}

export function MemberCard({ index, member, referenceYear, open, canRemove, errors, onToggle, onChange, onBlur, onRemove }: Props) {
  const { t } = useLang();
  const age = memberAge(member.answers, referenceYear);
  const prefix = `members.${index}.`;
  const errorCount = [...errors.keys()].filter((path) => path.startsWith(prefix)).length;
  const name = typeof member.answers.name === 'string' ? member.answers.name.trim() : '';
  const bodyId = `member-body-${member.key}`;
  const adultAge = HOUSEHOLD_FORM.adultQuestionAge;
  return (
    <section class={errorCount > 0 ? 'member has-error' : 'member'} data-testid={`member-${index}`}>
      <h3 class="member-heading">
        <button type="button" class="member-toggle" aria-expanded={open} aria-controls={bodyId} data-testid={`member-toggle-${index}`} onClick={onToggle}>
          <span class="member-title">{t('ui.form.member_n', { n: index + 1 })}</span>
          <span class="member-meta">{[name, age !== undefined && age >= 0 ? t('ui.form.member_age', { age }) : ''].filter(Boolean).join(' · ')}</span>
          {errorCount > 0 && <span class="badge">{t('ui.form.member_errors', { count: errorCount })}</span>}
          <span class="chevron" aria-hidden="true">
            {open ? '▴' : '▾'}
          </span>
        </button>
      </h3>
      {open && (
        <div id={bodyId} class="member-body">
          {visibleMemberQuestions(member.answers, referenceYear).map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              path={`${prefix}${question.id}`}
              value={member.answers[question.id]}
              error={errors.get(`${prefix}${question.id}`)}
              onChange={(value) => onChange(question.id, value)}
              onBlur={() => onBlur(`${prefix}${question.id}`)}
            />
          ))}
          {age === undefined && <p class="hint">{t('ui.form.age_pending', { age: adultAge })}</p>}
          {age !== undefined && age >= 0 && age < adultAge && (
            <p class="hint" data-testid={`member-${index}-under-age`}>
              {t('ui.form.under_age', { age: adultAge })}
            </p>
          )}
          {canRemove && (
            <button type="button" class="danger-link" data-testid={`member-remove-${index}`} onClick={onRemove}>
              {t('ui.form.remove_member')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
