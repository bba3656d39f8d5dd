// Collect: the open round, a village of the collector's ward(s), and that village's households.
import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { HouseholdList } from '../../components/HouseholdList';
import { OpenRound } from '../../components/OpenRound';
import { chooseVillage, VillagePicker } from '../../components/VillagePicker';
import type { Session } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';

export function CollectPage({ session, villageCode }: { session: Session; villageCode?: string }) {
  const { t } = useLang();
  return (
    <div class="collect">
      <h1>{t('ui.collect.title')}</h1>
      <OpenRound>{(round, areas) => <CollectInRound round={round} areas={areas} session={session} villageCode={villageCode} />}</OpenRound>
    </div>
  );
}

function CollectInRound({ round, areas, session, villageCode }: { round: Round; areas: Area[]; session: Session; villageCode?: string }) {
  const { t } = useLang();
  const choice = chooseVillage(areas, session.user, 'collect', villageCode);
  const { village } = choice;
  return (
    <>
      <p class="context" data-testid="round-name">
        {t('ui.round.label', { name: round.name })}
      </p>
      <VillagePicker choice={choice} id="village" testId="village-select" />
      {village && (
        <a class="button secondary wide" href={href('links', village.code)} data-testid="links-page">
          {t('ui.collect.links')}
        </a>
      )}
      {village?.parentCode && (
        <HouseholdList key={village.code} owner={session.user.username} roundId={round.id} wardCode={village.parentCode} villageCode={village.code} />
      )}
    </>
  );
}
