// Every answer still to fix, above the form, at once: each a link that opens its member card and puts the focus
// on the field; issues that belong to no field are listed as they are.
import type { Definition } from '@shared/questionnaire';
import type { FieldIssue } from '@shared/survey/validate';
import { fieldId, questionOfPath } from '../../lib/household-form';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  issues: readonly FieldIssue[];
  general: readonly FieldIssue[];
  definition: Definition;
  onFocusField: (path: string) => void;
}

export function ErrorSummary({ issues, general, definition, onFocusField }: Props) {
  const { lang, t } = useLang();
  if (issues.length === 0) return null;
  const fieldName = (path: string) => {
    const found = questionOfPath(definition, path);
    if (!found) return undefined;
    const label = found.question.label[lang];
    return found.member === undefined ? label : `${t('ui.form.member_n', { n: found.member + 1 })} · ${label}`;
  };
  return (
    <div id="error-summary" class="notice notice-error" role="alert" tabIndex={-1} data-testid="error-summary">
      <p class="error-count">{t('ui.form.error_summary', { count: issues.length })}</p>
      <ul class="error-list">
        {general.map((issue) => (
          <li key={issue.path}>{issue.message}</li>
        ))}
        {issues.map((issue) => {
          const field = fieldName(issue.path);
          if (!field) return null;
          return (
            <li key={issue.path}>
              <a
                href={`#${fieldId(issue.path)}`}
                data-testid={`summary-${issue.path}`}
                onClick={(event) => {
                  // The hash is the app's router: focus the field instead of following the link.
                  event.preventDefault();
                  onFocusField(issue.path);
                }}
              >
                {t('ui.form.summary_item', { field, message: issue.message })}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
