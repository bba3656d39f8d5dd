// One question of the round's definition as an input: text, phone, number (numeric keypad), or big toggle
// buttons for yes/no and choices (several may be pressed for a multiple choice). Label, hint, message and input
// are tied together by ids for screen readers and tests; only this question is marked when it is in error.
import { BIRTH_YEAR, type Choice, type Question } from '@shared/questionnaire';
import { type Answer, errorId, fieldId } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  question: Question;
  /** The options of a choice question. */
  choices?: readonly Choice[];
  /** Dotted path, e.g. `members.0.birth_year`. */
  path: string;
  value: Answer;
  error?: string;
  /** A line under the label (e.g. the date ages are computed at). */
  note?: string;
  onChange: (value: Answer) => void;
  onBlur: () => void;
}

interface Option {
  value: string | boolean;
  label: string;
}

function inputModeOf(question: Question): 'numeric' | 'decimal' | 'tel' | undefined {
  if (question.type === 'integer') return question.min !== undefined && question.min >= 0 ? 'numeric' : undefined;
  if (question.type === 'decimal') return 'decimal';
  return question.type === 'phone' ? 'tel' : undefined;
}

export function QuestionField({ question, choices, path, value, error, note, onChange, onBlur }: Props) {
  const { lang, t } = useLang();
  const id = fieldId(path);
  const messageId = errorId(path);
  const hintId = `h-${id}`;
  const hintText = [question.hint?.[lang], note].filter(Boolean).join(' · ');
  const describedBy = [hintText ? hintId : '', error ? messageId : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {question.label[lang]}
      {!question.required && <span class="optional"> {t('ui.form.optional')}</span>}
    </>
  );
  const hint = hintText && (
    <p id={hintId} class="hint field-hint">
      {hintText}
    </p>
  );
  const message = error && (
    <p id={messageId} class="field-error" data-testid={`error-${path}`}>
      {error}
    </p>
  );

  if (question.type === 'yes_no' || question.type === 'select_one' || question.type === 'select_multiple') {
    const multiple = question.type === 'select_multiple';
    const options: Option[] =
      question.type === 'yes_no'
        ? [
            { value: true, label: t('ui.form.yes') },
            { value: false, label: t('ui.form.no') },
          ]
        : (choices ?? []).map((choice) => ({ value: choice.value, label: choice.label[lang] }));
    const picked = (option: Option) => (multiple ? Array.isArray(value) && value.includes(option.value as string) : value === option.value);
    const pick = (option: Option, pressed: boolean): Answer => {
      if (!multiple) return pressed && question.type !== 'yes_no' ? undefined : (option.value as Answer);
      const current = Array.isArray(value) ? value : [];
      return pressed ? current.filter((v) => v !== option.value) : [...current, option.value as string];
    };
    return (
      <fieldset class={error ? 'field has-error' : 'field'} data-testid={`q-${path}`} aria-describedby={describedBy}>
        <legend>{label}</legend>
        {hint}
        <div class={options.length > 3 ? 'toggles toggles-wrap' : 'toggles'}>
          {options.map((option, index) => {
            const pressed = picked(option);
            return (
              <button
                type="button"
                key={String(option.value)}
                id={index === 0 ? id : undefined}
                class="toggle"
                aria-pressed={pressed}
                data-testid={`${path}=${String(option.value)}`}
                // A choice can be taken back; a yes/no stays answered once answered.
                onClick={() => {
                  onChange(pick(option, pressed));
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
  const year = question.id === BIRTH_YEAR;
  const inputMode = inputModeOf(question);
  return (
    <div class={error ? 'field has-error' : 'field'} data-testid={`q-${path}`}>
      <label for={id}>{label}</label>
      {hint}
      <input
        id={id}
        name={path}
        type="text"
        inputMode={inputMode}
        pattern={inputMode === 'numeric' ? '[0-9]*' : undefined}
        maxLength={year ? 4 : question.maxLength}
        autocomplete={question.type === 'phone' ? 'tel' : 'off'}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onChange(event.currentTarget.value)}
        onBlur={onBlur}
      />
      {message}
    </div>
  );
}
