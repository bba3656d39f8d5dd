// The count of answers still to fix, above the form, plus any issue that belongs to no field.
import type { FieldIssue } from '@shared/survey/validate';
import { useLang } from '../../lib/platform/use-lang';

export function ErrorSummary({ issues, general }: { issues: readonly FieldIssue[]; general: readonly FieldIssue[] }) {
  const { t } = useLang();
  if (issues.length === 0) return null;
  return (
    <div id="error-summary" class="notice notice-error" role="alert" tabIndex={-1} data-testid="error-summary">
      <p class="error-count">{t('ui.form.error_summary', { count: issues.length })}</p>
      {general.length > 0 && (
        <ul>
          {general.map((issue) => (
            <li key={issue.path}>{issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
