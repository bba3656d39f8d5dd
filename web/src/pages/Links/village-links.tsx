// One village's links: the form that makes them, the list with each link's state (a page at a time), and the
// printable sheet, which leaves out households that already answered unless the collector asks for them.

import type { Round } from '@shared/api/contract';
import type { Link } from '@shared/api/links';
import type { Area } from '@shared/areas/areas';
import { useEffect, useState } from 'preact/hooks';
import { Notice, type NoticeKind } from '../../components/Notice';
import { api } from '../../lib/platform/api';
import { useLang } from '../../lib/platform/use-lang';
import { linksToPrint, useLinkPages } from '../../lib/self-report';
import { CreateLinks } from './create-links';
import { LinkRow } from './link-row';
import { LinkSheet } from './link-sheet';

interface Props {
  round: Round;
  ward: Area;
  village: Area;
}

export function VillageLinks({ round, ward, village }: Props) {
  const { t } = useLang();
  const query = { roundId: round.id, wardCode: ward.code, villageCode: village.code };
  const list = useLinkPages(query);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [includeAnswered, setIncludeAnswered] = useState(false);
  const [printing, setPrinting] = useState(false);
  const links = list.links;
  const printable = linksToPrint(links, includeAnswered);
  const anyLive = links.some((link) => link.state !== 'revoked') || list.nextCursor !== null;

  // Printing waits for every page: the sheet is drawn from what is loaded.
  useEffect(() => {
    if (!printing || list.loading) return;
    setPrinting(false);
    if (!list.error && list.nextCursor === null) print();
  }, [printing, list.loading, list.nextCursor, list.error]);

  function startPrint() {
    setPrinting(true);
    void list.all();
  }

  async function copy(link: Link) {
    try {
      await navigator.clipboard.writeText(link.url);
      setNotice({ kind: 'success', text: t('ui.links.copied') });
    } catch {
      // No clipboard (plain http on a LAN address, or refused): select the link for a manual copy.
      const input = document.getElementById(`link-url-${link.linkId}`) as HTMLInputElement | null;
      input?.focus();
      input?.select();
      setNotice({ kind: 'warning', text: t('ui.links.copy_failed') });
    }
  }

  async function revoke(link: Link) {
    setConfirming(undefined);
    try {
      await api.revokeLink(link.token);
      setNotice({ kind: 'success', text: t('ui.links.revoked') });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
    void list.reload();
  }

  return (
    <>
      <div class="no-print">
        <CreateLinks
          query={query}
          links={links}
          loadAllLinks={() => void list.all()}
          onCreated={(count) => {
            setNotice({ kind: 'success', text: t('ui.links.created', { count }) });
            void list.reload();
          }}
        />
        {notice && (
          <Notice kind={notice.kind} testId="links-notice">
            {notice.text}
          </Notice>
        )}
        <h2>{t('ui.links.list')}</h2>
        {anyLive && (
          <div class="links-print">
            <label class="links-print-answered">
              <input
                type="checkbox"
                checked={includeAnswered}
                data-testid="links-print-answered"
                onChange={(e) => setIncludeAnswered(e.currentTarget.checked)}
              />
              {t('ui.links.print_answered')}
            </label>
            <button type="button" class="secondary wide" data-testid="links-print" disabled={printing} onClick={startPrint}>
              {t('ui.links.print')}
            </button>
            <p class="hint">{t('ui.links.print_hint')}</p>
            {printable.length === 0 && list.nextCursor === null && (
              <p class="hint" data-testid="links-print-none">
                {t('ui.links.print_none')}
              </p>
            )}
          </div>
        )}
        {list.error && (
          <Notice kind="error" testId="links-error">
            {list.error.message}{' '}
            <button type="button" class="link-button" onClick={() => void list.reload()}>
              {t('ui.retry')}
            </button>
          </Notice>
        )}
        {!list.loading && !list.error && links.length === 0 && <p class="hint">{t('ui.links.empty')}</p>}
        <ul class="cards link-list" data-testid="link-list" aria-busy={list.loading}>
          {links.map((link, index) => (
            <LinkRow
              key={link.linkId}
              link={link}
              index={index}
              confirming={confirming === link.linkId}
              onCopy={() => copy(link)}
              onAskRevoke={() => setConfirming(link.linkId)}
              onRevoke={() => revoke(link)}
              onCancel={() => setConfirming(undefined)}
            />
          ))}
        </ul>
        {list.nextCursor !== null && (
          <button type="button" class="secondary wide" data-testid="links-more" disabled={list.loading} onClick={() => void list.more()}>
            {list.loading ? t('ui.links.loading_more') : t('ui.links.more')}
          </button>
        )}
      </div>
      <LinkSheet links={printable} village={village} ward={ward} />
    </>
  );
}
