// A household's own form, opened from its link (#/s/<token>) with no account: ward and village come from the
// link, answers are kept on the device until sent, and the household may come back to revise them. Without a
// token (#/s) or with a short code (#/s/<code>) the page is the code entry box instead.

import { registerMessages } from '@shared/i18n/dictionary';
import { SELF_REPORT_MESSAGES } from '@shared/i18n/self-report';
import { QUESTIONNAIRE_MESSAGES } from '@shared/questionnaire';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { loadDefinition } from '../../lib/household-form';
import { ApiError, api } from '../../lib/platform/api';
import { surveyOf } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { isShortCode } from '../../lib/self-report';
import { CodeEntry } from './code-entry';
import { SelfReportForm } from './self-report-form';
import './self.css';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(SELF_REPORT_MESSAGES);
registerMessages(QUESTIONNAIRE_MESSAGES as unknown as Parameters<typeof registerMessages>[0]);

export default function SelfPage({ token }: { token?: string }) {
  const { t } = useLang();
  if (!token || isShortCode(token)) {
    return (
      <div class="self-page">
        <h1>{t('ui.self.title')}</h1>
        <CodeEntry code={token} />
      </div>
    );
  }
  return <SelfByToken token={token} />;
}

function SelfByToken({ token }: { token: string }) {
  const { t } = useLang();
  // The link's round pins a questionnaire version: the household sees it exactly as a collector would.
  const loaded = useAsync(async () => {
    const data = await api.getSelf(token);
    const { surveyId, version } = surveyOf(data.round);
    return { ...data, definition: await loadDefinition(surveyId, version) };
  }, [token]);
  if (loaded.error) {
    if (loaded.error instanceof ApiError && (loaded.error.status === 401 || loaded.error.status === 404)) return <LinkProblem message={loaded.error.message} />;
    return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  }
  if (!loaded.data) return <Loading />;
  return (
    <div class="self-page">
      <h1>{t('ui.self.title')}</h1>
      <SelfReportForm key={loaded.data.link.linkId} token={token} data={loaded.data} definition={loaded.data.definition} />
    </div>
  );
}

function LinkProblem({ message }: { message: string }) {
  const { t } = useLang();
  return (
    <div class="self-page">
      <h1>{t('ui.self.link_problem')}</h1>
      <Notice kind="error" testId="link-problem">
        {message}
      </Notice>
      {/* A mangled link may still be opened by the code printed beside it. */}
      <CodeEntry />
    </div>
  );
}
