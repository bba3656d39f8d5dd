// The collector's household form: the questions (HouseholdFields), checked on submit (and on blur once
// touched) with the shared validation, saved through lib/responses.
import { useMemo, useState } from 'preact/hooks';
import type { Round, StoredResponse } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { ApiError } from '../../lib/api';
import { areaName } from '../../lib/areas';
import { setFlash } from '../../lib/flash';
import { issuesByPath } from '../../lib/form-issues';
import { emptyForm, formFromStored, type ResponseTarget } from '../../lib/form-state';
import { loadResponse, saveResponse } from '../../lib/responses';
import { useHouseholdForm } from '../../lib/use-household-form';
import { useLang } from '../../lib/use-lang';
import { href, navigate } from '../../lib/use-route';
import { ErrorSummary } from '../ErrorSummary';
import { HouseholdFields } from '../HouseholdFields';
import { Notice, type NoticeKind } from '../Notice';

interface Props {
  /** The id of the response: the stored one's, or a fresh UUID for a new household. */
  id: string;
  round: Round;
  village: Area;
  stored?: StoredResponse;
}

export function HouseholdForm({ id, round, village, stored }: Props) {
  const { lang, t } = useLang();
  const target = useMemo<ResponseTarget>(
    () => ({ roundId: round.id, wardCode: village.parentCode ?? '', villageCode: village.code }),
    [round.id, village.code, village.parentCode],
  );
  const form = useHouseholdForm(() => (stored ? formFromStored(stored) : emptyForm()), target, round.referenceYear);
  const [version, setVersion] = useState(stored?.version);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>();
  const errors = useMemo(() => issuesByPath(form.shown), [form.shown]);
  const general = form.shown.filter((issue) => !/^(household|members)\./.test(issue.path));

  async function reloadAfterConflict() {
    try {
      const fresh = await loadResponse(id);
      form.replace(formFromStored(fresh));
      setVersion(fresh.version);
      setNotice({ kind: 'warning', text: t('ui.form.conflict') });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (saving) return;
    const body = form.attemptSubmit();
    if (!body) return;
    setSaving(true);
    setNotice(undefined);
    try {
      await saveResponse({ id, body, version });
      setFlash({ key: 'ui.collect.saved', params: { name: body.household.head_name } });
      navigate('collect', village.code);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.code !== 'deleted') {
        await reloadAfterConflict();
      } else {
        if (error instanceof ApiError && error.issues.length > 0) form.showServerIssues(error.issues);
        setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="household-form" noValidate onSubmit={onSubmit} data-testid="household-form">
      <a class="back" href={href('collect', village.code)}>
        {t('ui.form.back')}
      </a>
      <h1>{t(stored ? 'ui.form.title_edit' : 'ui.form.title_new')}</h1>
      <p class="context">
        {areaName(village, lang)} · {round.name}
      </p>
      {notice && (
        <Notice kind={notice.kind} testId="form-notice">
          {notice.text}
        </Notice>
      )}
      {form.submitted && <ErrorSummary issues={form.shown} general={general} />}

      <HouseholdFields form={form} referenceYear={round.referenceYear} errors={errors} />

      <div class="submit-bar">
        <button type="submit" class="primary wide" disabled={saving} data-testid="form-submit">
          {t(saving ? 'ui.form.saving' : 'ui.form.submit')}
        </button>
      </div>
    </form>
  );
}
