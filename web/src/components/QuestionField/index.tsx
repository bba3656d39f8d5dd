// One question of the form definition as an input: text, phone, year, or big toggle buttons for yes/no
// and choices. Label, message and input are tied together by ids for screen readers and tests.
import type { Question } from '@shared/survey/form';
import { type Answer, errorId, fieldId } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  question: Question;
  /** Dotted path, e.g. `members.0.birth_year`. */
  path: string;
  value: Answer;
  error?: string;
  onChange: (value: Answer) => void;
  onBlur: () => void;
}

export function QuestionField({ question, path, value, error, onChange, onBlur }: Props) {
  const { lang, t } = useLang();
  const id = fieldId(path);
  const messageId = errorId(path);
  const label = (
    <>
      {question.label[lang]}
      {!question.required && <span class="optional"> {t('ui.form.optional')}</span>}
    </>
  );
  const message = error && (
    <p id={messageId} class="field-error" data-testid={`error-${path}`}>
      {error}
    </p>
  );

  if (question.kind === 'boolean' || question.kind === 'choice') {
    const options =
      question.kind === 'boolean'
        ? [
            { value: true as Answer, label: t('ui.form.yes') },
            { value: false as Answer, label: t('ui.form.no') },
          ]
        : (question.options ?? []).map((option) => ({ value: option.value as Answer, label: option.label[lang] }));
    return (
      <fieldset class={error ? 'field has-error' : 'field'} data-testid={`q-${path}`} aria-describedby={error ? messageId : undefined}>
        <legend>{label}</legend>
        <div class="toggles">
          {options.map((option, index) => {
            const pressed = value === option.value;
            return (
              <button
                type="button"
                key={String(option.value)}
                id={index === 0 ? id : undefined}
                class="toggle"
                aria-pressed={pressed}
                data-testid={`${path}=${String(option.value)}`}
                // An optional choice can be taken back; a yes/no stays answered once answered.
                onClick={() => {
                  onChange(pressed && !question.required ? undefined : option.value);
                  onBlur();
                }}
              >
                {option.label}
              </button>
            );
          })}
        </div>
        {message}
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  const kind = question.kind;
  return (
    <div class={error ? 'field has-error' : 'field'} data-testid={`q-${path}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={path}
        type="text"
        inputMode={kind === 'phone' ? 'tel' : kind === 'year' ? 'numeric' : undefined}
        pattern={kind === 'year' ? '[0-9]*' : undefined}
        maxLength={kind === 'year' ? 4 : question.maxLength}
        autocomplete={kind === 'phone' ? 'tel' : 'off'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? messageId : undefined}
        onInput={(event) => onChange(event.currentTarget.value)}
        onBlur={onBlur}
      />
      {message}
    </div>
  );
}
