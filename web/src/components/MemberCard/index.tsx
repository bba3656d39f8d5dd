// One member of the household as a collapsible card: the header says who it is (and how many answers need
// fixing), the body asks the questions that apply to this member (age, own and household answers). The card
// itself is not marked red: only the questions in error are.
import type { Definition } from '@shared/questionnaire';
import { type Answer, type Answers, adultAgeOf, type MemberDraft, memberAge, visibleMemberQuestions } from '../../lib/household-form';
import { formatReferenceDate } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { QuestionField } from '../QuestionField';

interface Props {
  index: number;
  member: MemberDraft;
  household: Answers;
  definition: Definition;
  referenceYear: number;
  referenceDate?: string;
  open: boolean;
  canRemove: boolean;
  /** Shown messages by path, for the whole form. */
  errors: ReadonlyMap<string, string>;
  onToggle: () => void;
  onChange: (id: string, value: Answer) => void;
  onBlur: (path: string) => void;
  onRemove: () => void;
  /** Opens the next member's card (absent on the last one: "add a member" follows it). */
  onNext?: () => void;
}

export function MemberCard(props: Props) {
  const { index, member, household, definition, referenceYear, referenceDate, open, canRemove, errors, onToggle, onChange, onBlur, onRemove, onNext } = props;
  const { t } = useLang();
  const age = memberAge(member.answers, referenceYear);
  const prefix = `members.${index}.`;
  const errorCount = [...errors.keys()].filter((path) => path.startsWith(prefix)).length;
  const name = typeof member.answers.name === 'string' ? member.answers.name.trim() : '';
  const bodyId = `member-body-${member.key}`;
  const adultAge = adultAgeOf(definition);
  const ageNote = t('ui.form.age_at', { date: formatReferenceDate(referenceDate ?? `${referenceYear}-12-31`) });
  return (
    <section class="member" data-testid={`member-${index}`}>
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
          {visibleMemberQuestions(member.answers, referenceYear, definition, household).map((question) => (
            <QuestionField
              key={question.id}
              question={question}
              choices={question.choices ? definition.choices[question.choices] : undefined}
              path={`${prefix}${question.id}`}
              value={member.answers[question.id]}
              error={errors.get(`${prefix}${question.id}`)}
              note={question.id === 'birth_year' ? ageNote : undefined}
              onChange={(value) => onChange(question.id, value)}
              onBlur={() => onBlur(`${prefix}${question.id}`)}
            />
          ))}
          {adultAge !== undefined && age === undefined && <p class="hint">{t('ui.form.age_pending', { age: adultAge })}</p>}
          {adultAge !== undefined && age !== undefined && age >= 0 && age < adultAge && (
            <p class="hint" data-testid={`member-${index}-under-age`}>
              {t('ui.form.under_age', { age: adultAge })}
            </p>
          )}
          <div class="member-actions">
            {onNext && (
              <button type="button" class="secondary" data-testid={`member-next-${index}`} onClick={onNext}>
                {t('ui.form.next_member')}
              </button>
            )}
            {canRemove && (
              <button type="button" class="danger-link" data-testid={`member-remove-${index}`} onClick={onRemove}>
                {t('ui.form.remove_member')}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
