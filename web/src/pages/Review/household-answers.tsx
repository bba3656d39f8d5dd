// One household's answers, read-only, labelled with the round's questionnaire (household questions, then each
// member's). Unanswered questions are left out.
import type { StoredResponse } from '@shared/api/contract';
import { registerMessages } from '@shared/i18n/dictionary';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import type { Definition } from '@shared/questionnaire';
import { useLang } from '../../lib/platform/use-lang';

registerMessages(HOUSEHOLD_FORM_MESSAGES);

type Question = Definition['household'][number];

function Answers({ questions, answers, definition }: { questions: readonly Question[]; answers: Record<string, unknown>; definition: Definition }) {
  const { lang, t } = useLang();
  const shown = (question: Question, value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? 'ui.form.yes' : 'ui.form.no');
    const choices = question.choices ? definition.choices[question.choices] : undefined;
    const labelOf = (v: unknown) => choices?.find((c) => c.value === v)?.label[lang] ?? String(v);
    return Array.isArray(value) ? value.map(labelOf).join(', ') : labelOf(value);
  };
  return (
    <dl class="review-answers">
      {questions
        .filter((q) => answers[q.id] !== undefined && answers[q.id] !== '')
        .map((q) => (
          <div key={q.id} class="review-answer">
            <dt>{q.label[lang]}</dt>
            <dd data-testid={`answer-${q.id}`}>{shown(q, answers[q.id])}</dd>
          </div>
        ))}
    </dl>
  );
}

export function HouseholdAnswers({ response, definition }: { response: StoredResponse; definition: Definition }) {
  const { t } = useLang();
  return (
    <>
      <Answers questions={definition.household} answers={response.household as Record<string, unknown>} definition={definition} />
      <h3>{t('ui.review.members')}</h3>
      {response.members.map((member, at) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: members have no id of their own; their order is the answer's.
        <section key={at} class="review-member" aria-label={t('ui.review.member', { n: at + 1 })}>
          <h4>{t('ui.review.member', { n: at + 1 })}</h4>
          <Answers questions={definition.members.questions} answers={member as Record<string, unknown>} definition={definition} />
        </section>
      ))}
    </>
  );
}
