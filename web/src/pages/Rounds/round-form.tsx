// Create or edit one round. Dates are typed as days (a round opens at 00:00 and closes at the end of its last
// day, Vietnam time); the server checks the rest and names each wrong field.
import { useState } from 'preact/hooks';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { ApiError } from '../../lib/platform/api';
import { type RoundView, referenceDateOf, surveyOf } from '../../lib/platform/rounds';
import { useLang } from '../../lib/platform/use-lang';

interface Props {
  round?: RoundView;
  surveys: adminApi.SurveySummary[];
  areaSets: { id: string; name: string }[];
  onSaved: (round: RoundView) => void;
  onCancel: () => void;
}

const VN_OFFSET = '+07:00';
const dayOf = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00${VN_OFFSET}`).toISOString();
/** The close time is exclusive: the day after the last day, at 00:00. */
const endOf = (day: string) => new Date(Date.parse(`${day}T00:00:00${VN_OFFSET}`) + 86_400_000).toISOString();
const lastDayOf = (closesAt: string) => dayOf(new Date(Date.parse(closesAt) - 1).toISOString());

export function RoundForm({ round, surveys, areaSets, onSaved, onCancel }: Props) {
  const { lang, t } = useLang();
  const year = new Date().getFullYear();
  const pinned = round ? surveyOf(round) : undefined;
  const [name, setName] = useState(round?.name ?? '');
  const [survey, setSurvey] = useState(pinned ? `${pinned.surveyId}@${pinned.version}` : surveys[0] ? `${surveys[0].id}@${surveys[0].version}` : '');
  // Users' areas are read in the installation's first set until they are moved to a newer one (docs/area-sets.md):
  // a new round starts on it, and the admin picks a newer set on purpose.
  const [areaSetId, setAreaSetId] = useState(round?.areaSetId ?? areaSets[0]?.id ?? '');
  const [referenceDate, setReferenceDate] = useState(round ? referenceDateOf(round) : `${year}-12-31`);
  const [opens, setOpens] = useState(round ? dayOf(round.opensAt) : '');
  const [closes, setCloses] = useState(round ? lastDayOf(round.closesAt) : '');
  const [countPolicy, setCountPolicy] = useState<'submitted' | 'approved'>(round?.countPolicy === 'approved' ? 'approved' : 'submitted');
  const [error, setError] = useState<ApiError | Error | undefined>();
  const [busy, setBusy] = useState(false);
  const issueAt = (field: string) =>
    error instanceof ApiError ? error.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message : undefined;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const schedule = { name: name.trim(), opensAt: opens && startOf(opens), closesAt: closes && endOf(closes), countPolicy };
      if (round) onSaved(await adminApi.updateRound(round.id, schedule));
      else {
        const [surveyId, version] = survey.split('@');
        const input = { ...schedule, surveyId, surveyVersion: Number(version), referenceDate, areaSetId };
        onSaved(await adminApi.createRound(input));
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  }

  const field = (id: string, label: string, input: preact.ComponentChildren, path: string) => (
    <div class={issueAt(path) ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {input}
      {issueAt(path) && <p class="field-error">{issueAt(path)}</p>}
    </div>
  );

  return (
    <form class="admin-form" noValidate onSubmit={submit} data-testid="round-form">
      <h2>{t(round ? 'ui.admin.round_edit' : 'ui.admin.round_new')}</h2>
      {error && (
        <Notice kind="error" testId="round-error">
          {error.message}
        </Notice>
      )}
      {field(
        'round-name',
        t('ui.admin.round_name'),
        <input id="round-name" data-testid="round-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />,
        'name',
      )}
      {field(
        'round-survey',
        t('ui.admin.round_survey'),
        <select id="round-survey" data-testid="round-survey" value={survey} disabled={Boolean(round)} onChange={(e) => setSurvey(e.currentTarget.value)}>
          {surveys.map((s) => (
            <option key={`${s.id}@${s.version}`} value={`${s.id}@${s.version}`}>
              {s.title?.[lang] ?? s.id} — v{s.version}
            </option>
          ))}
          {round && pinned && <option value={`${pinned.surveyId}@${pinned.version}`}>{`${pinned.surveyId} — v${pinned.version}`}</option>}
        </select>,
        'surveyVersion',
      )}
      {areaSets.length > 0 &&
        field(
          'round-area-set',
          t('ui.admin.round_area_set'),
          <select
            id="round-area-set"
            data-testid="round-area-set"
            value={areaSetId}
            disabled={Boolean(round)}
            onChange={(e) => setAreaSetId(e.currentTarget.value)}
          >
            {areaSets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>,
          'areaSetId',
        )}
      {field(
        'round-reference',
        t('ui.admin.round_reference_date'),
        <input
          id="round-reference"
          type="date"
          data-testid="round-reference"
          value={referenceDate}
          disabled={Boolean(round)}
          onInput={(e) => setReferenceDate(e.currentTarget.value)}
        />,
        'referenceDate',
      )}
      {field(
        'round-opens',
        t('ui.admin.round_opens'),
        <input id="round-opens" type="date" data-testid="round-opens" value={opens} onInput={(e) => setOpens(e.currentTarget.value)} />,
        'opensAt',
      )}
      {field(
        'round-closes',
        t('ui.admin.round_closes'),
        <input id="round-closes" type="date" data-testid="round-closes" value={closes} onInput={(e) => setCloses(e.currentTarget.value)} />,
        'closesAt',
      )}
      <fieldset class="field">
        <legend>{t('ui.admin.round_count_policy')}</legend>
        {(['submitted', 'approved'] as const).map((policy) => (
          <label key={policy} class="radio">
            <input type="radio" name="count-policy" value={policy} checked={countPolicy === policy} onChange={() => setCountPolicy(policy)} />{' '}
            {t(`ui.admin.count_${policy}`)}
          </label>
        ))}
      </fieldset>
      <div class="admin-actions">
        <button type="submit" class="primary" disabled={busy} data-testid="round-save">
          {t('ui.admin.save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('ui.admin.cancel')}
        </button>
      </div>
    </form>
  );
}
