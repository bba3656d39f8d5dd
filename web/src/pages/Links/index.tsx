// Self-report links of a village (#/links/<village>): make blank or named links, see which were used, copy one
// to send over a chat app, revoke one, and print an A4 sheet of QR codes to hand out. A lazy chunk: the QR
// encoder and this page load only when a collector opens it.
import '../../../../shared/i18n/self-report';
import type { Round } from '../../../../shared/api/contract';
import type { Area } from '../../../../shared/areas/areas';
import { LoadFailed, Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { areaName, villagesOfUser } from '../../lib/areas';
import { getAreas, getRounds } from '../../lib/reference';
import { openRound } from '../../lib/rounds';
import { loadVillage, saveVillage, type Session } from '../../lib/storage';
import { useAsync } from '../../lib/use-async';
import { useLang } from '../../lib/use-lang';
import { href, navigate } from '../../lib/use-route';
import { VillageLinks } from './village-links';
import './links.css';

export default function LinksPage({ session, villageCode }: { session: Session; villageCode?: string }) {
  const { t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas()]), []);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [rounds, areas] = reference.data;
  const round = openRound(rounds, new Date());
  return (
    <div class="links-page">
      <div class="no-print">
        <a class="back" href={href('collect', ...(villageCode ? [villageCode] : []))}>
          {t('ui.links.back')}
        </a>
        <h1>{t('ui.links.title')}</h1>
        <p class="hint">{t('ui.links.intro')}</p>
      </div>
      {round ? <LinksInRound round={round} areas={areas} session={session} villageCode={villageCode} /> : <Notice kind="warning">{t('ui.round.none_open')}</Notice>}
    </div>
  );
}

function LinksInRound({ round, areas, session, villageCode }: { round: Round; areas: Area[]; session: Session; villageCode?: string }) {
  const { lang, t } = useLang();
  const groups = villagesOfUser(areas, session.user);
  const villages = groups.flatMap((group) => group.villages);
  const wanted = villageCode ?? loadVillage() ?? undefined;
  const village = villages.find((v) => v.code === wanted) ?? (villages.length === 1 ? villages[0] : undefined);
  const ward = village && areas.find((a) => a.code === village.parentCode);
  const choose = (code: string) => {
    saveVillage(code || null);
    navigate(...(code ? ['links', code] : ['links']));
  };
  return (
    <>
      <div class="no-print">
        <p class="context">{t('ui.round.label', { name: round.name })}</p>
        {villages.length === 0 ? (
          <Notice kind="warning">{t('ui.collect.no_villages')}</Notice>
        ) : (
          <div class="field">
            <label for="links-village">{t('ui.collect.village')}</label>
            <select id="links-village" data-testid="links-village-select" value={village?.code ?? ''} onChange={(event) => choose(event.currentTarget.value)}>
              <option value="">{t('ui.collect.choose_village')}</option>
              {groups.map((group) => (
                <optgroup key={group.ward.code} label={areaName(group.ward, lang)}>
                  {group.villages.map((v) => (
                    <option key={v.code} value={v.code}>
                      {areaName(v, lang)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
      </div>
      {village && ward && <VillageLinks key={village.code} round={round} ward={ward} village={village} />}
    </>
  );
}
