// Đợt khảo sát (admins): every round with its status and a link to its indicator list (Chỉ tiêu), and a form
// to create one or change its name, schedule and count policy, and the area set (map) each round is on. A round pins a published questionnaire version and a reference date (ages are counted at
// it); those two cannot change once a round has answers, so the edit form does not offer them.
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import * as adminApi from '../../lib/admin';
import { api } from '../../lib/platform/api';
import { formatReferenceDate } from '../../lib/platform/format';
import { forgetReference } from '../../lib/platform/reference';
import { type RoundView, referenceDateOf, surveyOf } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import RoundIndicatorsPage from './indicators';
import { RoundForm } from './round-form';
import { statusOf } from './round-status';

registerMessages(OFFICIALS_MESSAGES);

/** The round list, or one round's indicator list when the route names a round (`#/rounds/<id>/indicators`). */
export default function RoundsRoute({ roundId }: { roundId?: string }) {
  return roundId ? <RoundIndicatorsPage roundId={roundId} /> : <RoundsPage />;
}

function RoundsPage() {
  const { t } = useLang();
  const data = useAsync(() => Promise.all([api.listRounds(), adminApi.listSurveys(), adminApi.listAreaSets()]), []);
  const [editing, setEditing] = useState<RoundView | 'new' | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  if (data.error) return <LoadFailed error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const [rounds, surveys, areaSets] = data.data;
  const published = surveys.filter((s) => s.status === 'published');
  // Servers before the area sets page: the sets the existing rounds use.
  const sets = areaSets.length > 0 ? areaSets : [...new Set(rounds.flatMap((r) => (r.areaSetId ? [r.areaSetId] : [])))].map((id) => ({ id, name: id }));

  const onSaved = (round: RoundView) => {
    setEditing(undefined);
    setSaved(t('ui.admin.round_saved', { name: round.name }));
    // The collectors' pages read the round list again.
    forgetReference();
    data.reload();
  };

  return (
    <div class="admin-page" data-testid="rounds-page">
      <h1>{t('ui.admin.rounds_title')}</h1>
      {/* The area sets are an admin's rare task, reached from the rounds that use them (not the top bar). */}
      <p>
        <a href={href('area-sets')} data-testid="area-sets-link">
          {t('ui.areaSets.link')}
        </a>
      </p>
      {saved && (
        <Notice kind="success" testId="round-saved">
          {saved}
        </Notice>
      )}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('ui.admin.round_name')}</th>
            <th scope="col">{t('ui.admin.round_survey')}</th>
            <th scope="col">{t('ui.admin.round_area_set')}</th>
            <th scope="col">{t('ui.admin.round_reference_date')}</th>
            <th scope="col">{t('ui.admin.round_window')}</th>
            <th scope="col">{t('ui.admin.round_status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('ui.admin.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((round) => {
            const { surveyId, version } = surveyOf(round);
            return (
              <tr key={round.id} data-testid={`round-${round.id}`}>
                <td>{round.name}</td>
                <td>
                  {surveyId} v{version}
                </td>
                <td data-testid={`round-area-set-${round.id}`}>{sets.find((s) => s.id === round.areaSetId)?.name ?? round.areaSetId ?? '—'}</td>
                <td>{formatReferenceDate(referenceDateOf(round))}</td>
                <td>
                  {formatReferenceDate(round.opensAt)} – {formatReferenceDate(round.closesAt)}
                </td>
                <td>{t(`ui.admin.status_${statusOf(round)}` as 'ui.admin.status_open')}</td>
                <td class="row-actions">
                  <button type="button" class="link-button" data-testid={`round-edit-${round.id}`} onClick={() => setEditing(round)}>
                    {t('ui.admin.edit')}
                  </button>
                  <a href={href('rounds', round.id, 'indicators')} data-testid={`round-indicators-${round.id}`}>
                    {t('ui.indicators.link')}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing === undefined ? (
        <button type="button" class="primary" data-testid="round-new" onClick={() => setEditing('new')}>
          {t('ui.admin.round_new')}
        </button>
      ) : (
        <RoundForm
          key={editing === 'new' ? 'new' : editing.id}
          round={editing === 'new' ? undefined : editing}
          surveys={published}
          areaSets={sets}
          onSaved={onSaved}
          onCancel={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}
