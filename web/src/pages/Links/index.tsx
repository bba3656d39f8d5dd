// Self-report links of a village (#/links/<village>): make blank or named links, see which were used, copy one
// to send over a chat app, revoke one, and print an A4 sheet of QR codes to hand out. A lazy chunk: the QR
// encoder and this page load only when a collector opens it.

import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import { registerMessages } from '@shared/i18n/dictionary';
import { SELF_REPORT_MESSAGES } from '@shared/i18n/self-report';
import { Notice } from '../../components/Notice';
import { OpenRound } from '../../components/OpenRound';
import { chooseVillage, VillagePicker } from '../../components/VillagePicker';
import { useOnline } from '../../lib/outbox';
import type { Session } from '../../lib/platform/storage';
import { useLang } from '../../lib/platform/use-lang';
import { href } from '../../lib/platform/use-route';
import { VillageLinks } from './village-links';
import './links.css';

// This chunk's loader registers its messages: the table is plain data, out of the collector's first download.
registerMessages(SELF_REPORT_MESSAGES);

export default function LinksPage({ session, villageCode }: { session: Session; villageCode?: string }) {
  const { t } = useLang();
  // Making, listing and printing links all need the server: offline, say so plainly instead of a form that
  // would only fail at the end. Coming back online brings the page back by itself.
  const online = useOnline();
  return (
    <div class="links-page">
      <div class="no-print">
        <a class="back" href={href('collect', ...(villageCode ? [villageCode] : []))}>
          {t('ui.links.back')}
        </a>
        <h1>{t('ui.links.title')}</h1>
        <p class="hint">{t('ui.links.intro')}</p>
      </div>
      {online ? (
        <OpenRound>{(round, areas) => <LinksInRound round={round} areas={areas} session={session} villageCode={villageCode} />}</OpenRound>
      ) : (
        <Notice kind="warning" testId="links-offline">
          {t('ui.links.offline')}
        </Notice>
      )}
    </div>
  );
}

function LinksInRound({ round, areas, session, villageCode }: { round: Round; areas: Area[]; session: Session; villageCode?: string }) {
  const { t } = useLang();
  const choice = chooseVillage(areas, session.user, 'links', villageCode);
  const { village, ward } = choice;
  return (
    <>
      <div class="no-print">
        <p class="context">{t('ui.round.label', { name: round.name })}</p>
        <VillagePicker choice={choice} id="links-village" testId="links-village-select" />
      </div>
      {village && ward && <VillageLinks key={village.code} round={round} ward={ward} village={village} />}
    </>
  );
}
