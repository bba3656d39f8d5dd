// Bảng hỏi (admins): every questionnaire version with its status; upload a new one (JSON or an XLSForm .xlsx),
// seeing each refused row inline; preview a draft as collectors will see it; publish (every problem listed when
// refused); download any version as a workbook, to start next year's form from this one.
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { ApiError } from '../../lib/platform/api';
import { saveBlob } from '../../lib/platform/download';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';

registerMessages(OFFICIALS_MESSAGES);

type Outcome = { kind: 'success'; text: string } | { kind: 'error'; error: ApiError | Error; title: string };

export default function SurveysPage() {
  const { lang, t } = useLang();
  const list = useAsync(() => adminApi.listSurveys(), []);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);

  async function run(title: string, action: () => Promise<string>) {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ kind: 'success', text: await action() });
      list.reload();
    } catch (error) {
      setOutcome({ kind: 'error', title, error: error instanceof Error ? error : new Error(String(error)) });
    } finally {
      setBusy(false);
    }
  }

  const upload = (file: File | undefined) =>
    file &&
    run(t('ui.admin.upload_refused'), async () => {
      const created = await adminApi.uploadSurvey(file);
      return t('ui.admin.uploaded', { id: created.id, version: created.version });
    });
  const publish = (id: string, version: number) =>
    run(t('ui.admin.publish_refused'), async () => {
      await adminApi.publishSurvey(id, version);
      return t('ui.admin.published', { id, version });
    });
  const download = (id: string, version: number) =>
    run(t('ui.admin.download_failed'), async () => {
      const { blob, filename } = await adminApi.surveyWorkbook(id, version);
      saveBlob(blob, filename);
      return t('ui.admin.downloaded', { id, version });
    });

  if (list.error) return <LoadFailed error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div class="admin-page" data-testid="surveys-page">
      <h1>{t('ui.admin.surveys_title')}</h1>
      <div class="field">
        <label for="survey-file">{t('ui.admin.upload')}</label>
        <p class="hint" id="survey-file-hint">
          {t('ui.admin.upload_hint')}
        </p>
        <input
          id="survey-file"
          type="file"
          accept=".json,.xlsx,application/json"
          aria-describedby="survey-file-hint"
          data-testid="survey-file"
          disabled={busy}
          onChange={(e) => upload(e.currentTarget.files?.[0])}
        />
      </div>
      {outcome?.kind === 'success' && (
        <Notice kind="success" testId="survey-outcome">
          {outcome.text}
        </Notice>
      )}
      {outcome?.kind === 'error' && (
        <div class="notice notice-error" role="alert" data-testid="survey-problems">
          <p>
            <strong>{outcome.title}</strong> {outcome.error.message}
          </p>
          {outcome.error instanceof ApiError && outcome.error.issues.length > 0 && (
            <ul>
              {outcome.error.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`} data-testid="survey-problem">
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('ui.admin.survey_title')}</th>
            <th scope="col">{t('ui.admin.survey_version')}</th>
            <th scope="col">{t('ui.admin.round_status')}</th>
            <th scope="col">{t('ui.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((s) => (
            <tr key={`${s.id}@${s.version}`} data-testid={`survey-${s.id}-${s.version}`}>
              <td>
                {s.title?.[lang] ?? s.id} <small>({s.id})</small>
              </td>
              <td>v{s.version}</td>
              <td>{t(s.status === 'published' ? 'ui.admin.status_published' : 'ui.admin.status_draft')}</td>
              <td class="admin-actions">
                <a href={href('surveys', s.id, String(s.version))} data-testid={`survey-preview-${s.id}-${s.version}`}>
                  {t('ui.admin.preview')}
                </a>
                {s.status !== 'published' && (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy}
                    data-testid={`survey-publish-${s.id}-${s.version}`}
                    onClick={() => publish(s.id, s.version)}
                  >
                    {t('ui.admin.publish')}
                  </button>
                )}
                <button
                  type="button"
                  class="link-button"
                  disabled={busy}
                  data-testid={`survey-download-${s.id}-${s.version}`}
                  onClick={() => download(s.id, s.version)}
                >
                  {t('ui.admin.download')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
