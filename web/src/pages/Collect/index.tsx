// Collect: the open round, a village of the collector's ward(s), and that village's households.
import type { Round } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { HouseholdList } from '../../components/HouseholdList';
import { Notice } from '../../components/Notice';
import { areaName, villagesOfUser } from '../../lib/areas';
import { getAreas, getRounds } from '../../lib/reference';
import { openRound } from '../../lib/rounds';
import { loadVillage, saveVillage, type Session } from '../../lib/storage';
import { useAsync } from '../../lib/use-async';
import { useLang } from '../../lib/use-lang';
import { href, navigate } from '../../lib/use-route';
import { LoadFailed, Loading } from '../../components/Loading';

export function CollectPage({ session, villageCode }: { session: Session; villageCode?: string }) {
  const { t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas()]), []);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [rounds, areas] = reference.data;
  const round = openRound(rounds, new Date());
  return (
    <div class="collect">
      <h1>{t('ui.collect.title')}</h1>
      {round ? <CollectInRound round={round} areas={areas} session={session} villageCode={villageCode} /> : <Notice kind="warning">{t('ui.round.none_open')}</Notice>}
    </div>
  );
}

function CollectInRound({ round, areas, session, villageCode }: { round: Round; areas: Area[]; session: Session; villageCode?: string }) {
  const { lang, t } = useLang();
  const groups = villagesOfUser(areas, session.user);
  const villages = groups.flatMap((group) => group.villages);
  const wanted = villageCode ?? loadVillage() ?? undefined;
  const village = villages.find((v) => v.code === wanted) ?? (villages.length === 1 ? villages[0] : undefined);
  const choose = (code: string) => {
    saveVillage(code || null);
    navigate(...(code ? ['collect', code] : ['collect']));
  };
  const option = (v: Area) => (
    <option key={v.code} value={v.code}>
      {areaName(v, lang)}
    </option>
  );
  return (
    <>
      <p class="context" data-testid="round-name">
        {t('ui.round.label', { name: round.name })}
      </p>
      {villages.length === 0 ? (
        <Notice kind="warning">{t('ui.collect.no_villages')}</Notice>
      ) : (
        <div class="field">
          <label for="village">{t('ui.collect.village')}</label>
          <select id="village" data-testid="village-select" value={village?.code ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
            <option value="">{t('ui.collect.choose_village')}</option>
            {groups.length === 1
              ? groups[0].villages.map(option)
              : groups.map((group) => (
                  <optgroup key={group.ward.code} label={areaName(group.ward, lang)}>
                    {group.villages.map(option)}
                  </optgroup>
                ))}
          </select>
        </div>
      )}
      {village && (
        <a class="button secondary wide" href={href('links', village.code)} data-testid="links-page">
          {t('ui.collect.links')}
        </a>
      )}
      {village?.parentCode && <HouseholdList key={village.code} owner={session.user.username} roundId={round.id} wardCode={village.parentCode} villageCode={village.code} />}
    </>
  );
}
