// One indicator of a round: in words (what is counted, among whom, the target, the source) and, opened, its
// fields. Problems found before sending or named by the server show next to the field they are about.
import type { Definition } from '@shared/questionnaire/definition';
import { renderCondition } from '@shared/questionnaire/render-condition';
import { conditionOf, type DraftField, type IndicatorDraft, targetOf } from '../../lib/admin';
import { formatTarget } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';
import { ConditionEditor } from './condition-editor';

interface Props {
  index: number;
  count: number;
  draft: IndicatorDraft;
  definition: Definition | undefined;
  open: boolean;
  errors: Partial<Record<DraftField, string>>;
  onChange: (draft: IndicatorDraft) => void;
  onToggle: () => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

export function IndicatorCard({ index, count, draft, definition, open, errors, onChange, onToggle, onMove, onRemove }: Props) {
  const { lang, t } = useLang();
  const prefix = `ind-${index}`;
  const words = (field: 'population' | 'numerator') => {
    const cond = conditionOf(draft[field], definition);
    if (cond === undefined) return t(draft.unit === 'household' ? 'ui.indicators.everyone_household' : 'ui.indicators.everyone_person');
    if (typeof cond === 'string') return '…';
    return definition ? renderCondition(cond, definition, lang) : JSON.stringify(cond);
  };
  const target = targetOf(draft.target);
  const hasError = Object.keys(errors).length > 0;
  const input = (field: 'id' | 'labelVi' | 'labelEn' | 'target' | 'source', label: string, error: DraftField, hint?: string) => (
    <div class={errors[error] ? 'field has-error' : 'field'}>
      <label for={`${prefix}-${field}`}>{label}</label>
      {hint && <p class="field-hint">{hint}</p>}
      <input
        id={`${prefix}-${field}`}
        data-testid={`${prefix}-${field}`}
        value={draft[field]}
        inputMode={field === 'target' ? 'decimal' : undefined}
        aria-invalid={errors[error] ? true : undefined}
        onInput={(e) => onChange({ ...draft, [field]: e.currentTarget.value })}
      />
      {errors[error] && field !== 'labelEn' && (
        <p class="field-error" data-testid={`${prefix}-error-${error}`}>
          {errors[error]}
        </p>
      )}
    </div>
  );

  return (
    <li class={hasError ? 'indicator-card has-error' : 'indicator-card'} data-testid={`indicator-${index}`} data-id={draft.id}>
      <div class="indicator-head">
        <h2>
          <span class="muted">{t('ui.indicators.number', { n: index + 1 })} · </span>
          {(lang === 'vi' ? draft.labelVi : draft.labelEn) || draft.id || '…'}
        </h2>
        <div class="indicator-tools">
          <button type="button" class="link-button" data-testid={`${prefix}-up`} disabled={index === 0} onClick={() => onMove(-1)}>
            {t('ui.indicators.up')}
          </button>
          <button type="button" class="link-button" data-testid={`${prefix}-down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            {t('ui.indicators.down')}
          </button>
          <button type="button" class="link-button" data-testid={`${prefix}-toggle`} aria-expanded={open} onClick={onToggle}>
            {t(open ? 'ui.indicators.close' : 'ui.indicators.edit')}
          </button>
          <button type="button" class="link-button danger" data-testid={`${prefix}-remove`} onClick={onRemove}>
            {t('ui.indicators.remove')}
          </button>
        </div>
      </div>
      <dl class="indicator-facts">
        <dt>{t('ui.indicators.unit')}</dt>
        <dd data-testid={`${prefix}-unit-words`}>{t(draft.unit === 'household' ? 'ui.indicators.unit_household' : 'ui.indicators.unit_person')}</dd>
        <dt>{t('ui.indicators.population')}</dt>
        <dd data-testid={`${prefix}-population-words`}>{words('population')}</dd>
        <dt>{t('ui.indicators.numerator')}</dt>
        <dd data-testid={`${prefix}-numerator-words`}>{words('numerator')}</dd>
        <dt>{t('export.col.target')}</dt>
        <dd data-testid={`${prefix}-target-words`}>
          {target === null || target === undefined ? t('ui.indicators.no_target') : formatTarget(target * 100, lang)}
        </dd>
        <dt>{t('ui.indicators.source')}</dt>
        <dd>{draft.source || t('ui.indicators.no_source')}</dd>
      </dl>
      {open && (
        <div class="indicator-editor">
          {input('id', t('ui.indicators.id'), 'id')}
          <div class={errors.unit ? 'field has-error' : 'field'}>
            <label for={`${prefix}-unit`}>{t('ui.indicators.unit')}</label>
            <select
              id={`${prefix}-unit`}
              data-testid={`${prefix}-unit`}
              value={draft.unit}
              onChange={(e) => onChange({ ...draft, unit: e.currentTarget.value as 'household' | 'person' })}
            >
              <option value="household">{t('ui.indicators.unit_household')}</option>
              <option value="person">{t('ui.indicators.unit_person')}</option>
            </select>
            {errors.unit && (
              <p class="field-error" data-testid={`${prefix}-error-unit`}>
                {errors.unit}
              </p>
            )}
          </div>
          {input('labelVi', t('ui.indicators.label_vi'), 'label')}
          {input('labelEn', t('ui.indicators.label_en'), 'label')}
          <ConditionEditor
            prefix={`${prefix}-population`}
            label={t('ui.indicators.population')}
            hint={t('ui.indicators.population_hint')}
            draft={draft.population}
            unit={draft.unit}
            definition={definition}
            error={errors.population}
            errorId={`${prefix}-error-population`}
            onChange={(population) => onChange({ ...draft, population })}
          />
          <ConditionEditor
            prefix={`${prefix}-numerator`}
            label={t('ui.indicators.numerator')}
            draft={draft.numerator}
            unit={draft.unit}
            definition={definition}
            error={errors.numerator}
            errorId={`${prefix}-error-numerator`}
            onChange={(numerator) => onChange({ ...draft, numerator })}
          />
          {input('target', t('ui.indicators.target'), 'target', t('ui.indicators.target_hint'))}
          {input('source', t('ui.indicators.source'), 'source')}
        </div>
      )}
    </li>
  );
}
