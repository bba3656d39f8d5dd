// A questionnaire version on a phone-sized page, exactly as collectors will see it: the same renderer, the same
// validator (a "check" button shows every problem), nothing saved. Ages are counted at the end of this year.
import type { Definition } from '@shared/questionnaire';
import { useMemo } from 'preact/hooks';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HouseholdFields } from '../../components/HouseholdFields';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { emptyForm, issuesByPath, useHouseholdForm } from '../../lib/household-form';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';

const TARGET = { roundId: 'preview', wardCode: 'preview', villageCode: 'preview' };

export default function SurveyPreviewPage({ surveyId, version }: { surveyId: string; version: string }) {
  const { lang, t } = useLang();
  const loaded = useAsync(() => adminApi.getSurvey(surveyId, Number(version)), [surveyId, version]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <div class="admin-page">
      <a class="back" href={href('surveys')}>
        {t('ui.admin.back_to_surveys')}
      </a>
      <h1>
        {t('ui.admin.preview')}: {loaded.data.title[lang]} v{loaded.data.version}
      </h1>
      <div class="phone-frame" data-testid="survey-preview">
        <PreviewForm key={`${surveyId}@${version}`} definition={loaded.data} />
      </div>
    </div>
  );
}

function PreviewForm({ definition }: { definition: Definition }) {
  const { t } = useLang();
  const year = new Date().getFullYear();
  const form = useHouseholdForm(() => emptyForm(definition), TARGET, year, definition);
  const errors = useMemo(() => issuesByPath(form.shown), [form.shown]);
  const checked = form.submitted && form.shown.length === 0;
  return (
    <form
      class="household-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.attemptSubmit();
      }}
    >
      {form.submitted && <ErrorSummary issues={form.shown} general={[]} definition={definition} onFocusField={form.focusField} />}
      {checked && (
        <Notice kind="success" testId="preview-ok">
          {t('ui.admin.preview_ok')}
        </Notice>
      )}
      <HouseholdFields form={form} referenceYear={year} referenceDate={`${year}-12-31`} errors={errors} />
      <div class="submit-bar">
        <button type="submit" class="primary wide" data-testid="preview-check">
          {t('ui.admin.preview_check')}
        </button>
      </div>
    </form>
  );
}
