// The review page of officials and admins: choose a ward (those within the user's areas), then work through its
// households with the review desk. A lazy chunk: collectors never download it.
import type { Area } from '@shared/areas/areas';
import { registerMessages } from '@shared/i18n/dictionary';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { loadDefinition } from '../../lib/household-form/load-definition';
import { reviewableWards, wardResponses } from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { resultsRound, surveyOf } from '../../lib/platform/rounds';
import { loadSession } from '../../lib/platform/storage';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { ReviewDesk } from './review-desk';

registerMessages(OFFICIALS_MESSAGES);

export function ReviewPage({ wardCode }: { wardCode?: string }) {
  const { lang, t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas()]), []);
  const [roundId, setRoundId] = useState<string | undefined>();
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [allRounds, areas] = reference.data;
  const user = loadSession()?.user;
  const wards = user ? reviewableWards(user, areas) : [];
  const now = new Date();
  const rounds = allRounds.filter((r) => Date.parse(r.opensAt) <= now.getTime()).sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  const round = rounds.find((r) => r.id === roundId) ?? resultsRound(allRounds, now);
  const ward = wards.find((w) => w.code === wardCode);
  if (!round) return <Notice kind="warning">{t('ui.round.none')}</Notice>;
  return (
    <div class="review-page">
      <h1>{ward ? t('ui.review.ward_title', { ward: areaName(ward, lang) }) : t('ui.review.title')}</h1>
      {rounds.length > 1 && (
        <div class="field inline">
          <label for="review-round">{t('ui.review.round')}</label>
          <select id="review-round" value={round.id} onChange={(e) => setRoundId(e.currentTarget.value)}>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {ward ? (
        <WardReview key={`${round.id}/${ward.code}`} roundId={round.id} survey={surveyOf(round)} ward={ward} areas={areas} />
      ) : (
        <WardChooser wards={wards} />
      )}
    </div>
  );
}

function WardChooser({ wards }: { wards: readonly Area[] }) {
  const { lang, t } = useLang();
  return (
    <nav aria-labelledby="review-wards">
      <p id="review-wards">{t('ui.review.choose_ward')}</p>
      <ul class="review-wards">
        {wards.map((w) => (
          <li key={w.code}>
            <a href={href('review', w.code)} data-testid={`review-ward-${w.code}`}>
              {areaName(w, lang)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WardReview({ roundId, survey, ward, areas }: { roundId: string; survey: { surveyId: string; version: number }; ward: Area; areas: readonly Area[] }) {
  const loaded = useAsync(
    () => Promise.all([wardResponses(roundId, ward.code), loadDefinition(survey.surveyId, survey.version)]),
    [roundId, ward.code, survey.surveyId, survey.version],
  );
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const [responses, definition] = loaded.data;
  const villages = areas.filter((a) => a.level === 'village' && a.parentCode === ward.code);
  return <ReviewDesk initial={responses} definition={definition} villages={villages} />;
}
