// One condition of an indicator (who is counted, or who counts as met): rows "question  comparison  value"
// joined by all/any, or JSON for what rows cannot say. Question and choice labels come from the round's
// questionnaire version; a household indicator is offered household questions only.
import { AGE, type Definition, type Question } from '@shared/questionnaire/definition';
import { type ConditionDraft, ROW_OPS, type RowDraft, type RowOp } from '../../lib/admin';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  /** `ind-<n>-<field>`: the prefix of every id and test id in here. */
  prefix: string;
  label: string;
  hint?: string;
  draft: ConditionDraft;
  unit: 'household' | 'person';
  definition: Definition | undefined;
  error?: string;
  /** Test id of the error line (`ind-<n>-error-<field>`, as the card's other fields). */
  errorId: string;
  onChange: (draft: ConditionDraft) => void;
}

/** The comparisons that make sense for a question's type. */
function opsFor(question: Question | undefined, q: string): readonly RowOp[] {
  if (q === AGE || question?.type === 'integer' || question?.type === 'decimal') return ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'];
  if (question?.type === 'select_multiple') return ['selected'];
  if (!question) return ROW_OPS;
  return ['eq', 'ne'];
}

export function ConditionEditor({ prefix, label, hint, draft, unit, definition, error, errorId, onChange }: Props) {
  const { lang, t } = useLang();
  const household = definition?.household ?? [];
  const members = unit === 'person' ? (definition?.members.questions ?? []) : [];
  const questionOf = (q: string) => [...household, ...members].find((x) => x.id === q);
  const setRow = (at: number, row: RowDraft) => onChange({ ...draft, rows: draft.rows.map((r, i) => (i === at ? row : r)) });
  const pickQuestion = (at: number, q: string) => {
    const question = questionOf(q);
    const ops = opsFor(question, q);
    setRow(at, { q, op: ops.includes(draft.rows[at].op) ? draft.rows[at].op : ops[0], value: question?.type === 'yes_no' ? 'true' : '' });
  };
  const switchMode = () => onChange({ ...draft, mode: draft.mode === 'rows' ? 'json' : 'rows' });

  return (
    <fieldset class={error ? 'field condition has-error' : 'field condition'} data-testid={prefix}>
      <legend>{label}</legend>
      {hint && <p class="field-hint">{hint}</p>}
      {error && (
        <p class="field-error" data-testid={errorId}>
          {error}
        </p>
      )}
      {draft.mode === 'json' ? (
        <>
          <p class="field-hint">{t('ui.indicators.json_hint')}</p>
          <textarea
            id={`${prefix}-json`}
            data-testid={`${prefix}-json`}
            rows={5}
            aria-label={label}
            value={draft.json}
            onInput={(e) => onChange({ ...draft, json: e.currentTarget.value })}
          />
        </>
      ) : (
        <>
          {draft.rows.length > 1 && (
            <div class="field inline">
              <label for={`${prefix}-join`}>{t('ui.indicators.join')}</label>
              <select
                id={`${prefix}-join`}
                data-testid={`${prefix}-join`}
                value={draft.join}
                onChange={(e) => onChange({ ...draft, join: e.currentTarget.value as 'all' | 'any' })}
              >
                <option value="all">{t('ui.indicators.join_all')}</option>
                <option value="any">{t('ui.indicators.join_any')}</option>
              </select>
            </div>
          )}
          {draft.rows.map((row, at) => {
            const question = questionOf(row.q);
            const id = `${prefix}-row-${at}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; removing one re-renders the rest.
              <div class="condition-row" key={at} data-testid={id}>
                <select
                  id={`${id}-q`}
                  data-testid={`${id}-q`}
                  aria-label={t('ui.indicators.question')}
                  value={row.q}
                  onChange={(e) => pickQuestion(at, e.currentTarget.value)}
                >
                  <option value="">{t('ui.indicators.choose')}</option>
                  {unit === 'person' && <option value={AGE}>{t('ui.indicators.age')}</option>}
                  {[...household, ...members].map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.label[lang]} ({q.id})
                    </option>
                  ))}
                  {row.q && row.q !== AGE && !question && <option value={row.q}>{row.q}</option>}
                </select>
                <select
                  id={`${id}-op`}
                  data-testid={`${id}-op`}
                  aria-label={t('ui.indicators.operator')}
                  value={row.op}
                  onChange={(e) => setRow(at, { ...row, op: e.currentTarget.value as RowOp })}
                >
                  {opsFor(question, row.q).map((op) => (
                    <option key={op} value={op}>
                      {t(`ui.indicators.op_${op}`)}
                    </option>
                  ))}
                </select>
                <ValueInput id={`${id}-value`} row={row} question={question} definition={definition} onChange={(value) => setRow(at, { ...row, value })} />
                <button
                  type="button"
                  class="link-button"
                  data-testid={`${id}-remove`}
                  onClick={() => onChange({ ...draft, rows: draft.rows.filter((_, i) => i !== at) })}
                >
                  {t('ui.indicators.remove_row')}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            class="secondary small"
            data-testid={`${prefix}-add-row`}
            onClick={() => onChange({ ...draft, rows: [...draft.rows, { q: '', op: 'eq', value: '' }] })}
          >
            {t('ui.indicators.add_row')}
          </button>
        </>
      )}
      <button type="button" class="link-button" data-testid={`${prefix}-mode`} onClick={switchMode}>
        {t(draft.mode === 'rows' ? 'ui.indicators.as_json' : 'ui.indicators.as_rows')}
      </button>
    </fieldset>
  );
}

function ValueInput({
  id,
  row,
  question,
  definition,
  onChange,
}: {
  id: string;
  row: RowDraft;
  question: Question | undefined;
  definition?: Definition;
  onChange: (value: string) => void;
}) {
  const { lang, t } = useLang();
  const common = { id, 'data-testid': id, 'aria-label': t('ui.indicators.value') };
  if (question?.type === 'yes_no') {
    return (
      <select {...common} value={row.value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="true">{t('ui.indicators.yes')}</option>
        <option value="false">{t('ui.indicators.no')}</option>
      </select>
    );
  }
  const choices = question?.choices ? definition?.choices[question.choices] : undefined;
  if (choices) {
    return (
      <select {...common} value={row.value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('ui.indicators.choose')}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label[lang]}
          </option>
        ))}
      </select>
    );
  }
  const numeric = row.q === AGE || question?.type === 'integer' || question?.type === 'decimal';
  return <input {...common} inputMode={numeric ? 'decimal' : undefined} value={row.value} onInput={(e) => onChange(e.currentTarget.value)} />;
}
