// One village's links: the form that makes them, the list with each link's state, and the printable sheet.

import type { Round } from '@shared/api/contract';
import type { Link } from '@shared/api/links';
import type { Area } from '@shared/areas/areas';
import { useState } from 'preact/hooks';
import { Notice, type NoticeKind } from '../../components/Notice';
import { api } from '../../lib/platform/api';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { formatMoment } from '../../lib/self-report';
import { CreateLinks } from './create-links';
import { LinkSheet } from './link-sheet';

interface Props {
  round: Round;
  ward: Area;
  village: Area;
}

/** What a link is called in the list: the household's name, else "Blank link n". */
export function linkLabel(link: Link, index: number, t: ReturnType<typeof useLang>['t']): string {
  return link.headName ?? t('ui.links.blank_label', { n: index + 1 });
}

export function VillageLinks({ round, ward, village }: Props) {
  const { lang, t } = useLang();
  const query = { roundId: round.id, wardCode: ward.code, villageCode: village.code };
  const list = useAsync(() => api.listLinks(query), [round.id, ward.code, village.code]);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: string } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const links = list.data ?? [];
  const printable = links.filter((link) => link.state !== 'revoked');

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
    list.reload();
  }

  return (
    <>
      <div class="no-print">
        <CreateLinks
          query={query}
          links={links}
          onCreated={(count) => {
            setNotice({ kind: 'success', text: t('ui.links.created', { count }) });
            list.reload();
          }}
        />
        {notice && (
          <Notice kind={notice.kind} testId="links-notice">
            {notice.text}
          </Notice>
        )}
        <h2>{t('ui.links.list')}</h2>
        {printable.length > 0 && (
          <div class="links-print">
            <button type="button" class="secondary wide" data-testid="links-print" onClick={() => print()}>
              {t('ui.links.print')}
            </button>
            <p class="hint">{t('ui.links.print_hint')}</p>
          </div>
        )}
        {list.error && (
          <Notice kind="error" testId="links-error">
            {list.error.message}{' '}
            <button type="button" class="link-button" onClick={list.reload}>
              {t('ui.retry')}
            </button>
          </Notice>
        )}
        {list.data && links.length === 0 && <p class="hint">{t('ui.links.empty')}</p>}
        <ul class="cards link-list" data-testid="link-list" aria-busy={list.loading}>
          {links.map((link, index) => (
            <li key={link.linkId} class="card link-row" data-testid="link-row" data-state={link.state} data-link-id={link.linkId}>
              <div class="link-info">
                <strong>{linkLabel(link, index, t)}</strong>
                {link.householdCode && <span class="muted">{link.householdCode}</span>}
                <span class={`link-state link-state-${link.state}`} data-testid="link-state">
                  {t(`ui.links.state.${link.state}`)}
                </span>
                {link.state === 'used' && link.submittedAt && (
                  <span class="muted">{t('ui.links.answered', { name: link.answeredHeadName ?? '', time: formatMoment(link.submittedAt, lang) })}</span>
                )}
              </div>
              {link.state !== 'revoked' && (
                <>
                  <input
                    id={`link-url-${link.linkId}`}
                    class="link-url"
                    readOnly
                    value={link.url}
                    aria-label={linkLabel(link, index, t)}
                    data-testid="link-url"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  {confirming === link.linkId ? (
                    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> would bring its own border, padding and min-width to this flex row of buttons; the group role names the set without it.
                    <div class="row-actions confirm" role="group">
                      <span>{t('ui.links.confirm_revoke')}</span>
                      <button type="button" class="danger" data-testid="link-revoke-confirm" onClick={() => revoke(link)}>
                        {t('ui.links.revoke')}
                      </button>
                      <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                        {t('ui.cancel')}
                      </button>
                    </div>
                  ) : (
                    <div class="row-actions">
                      <button type="button" class="secondary" data-testid="link-copy" onClick={() => copy(link)}>
                        {t('ui.links.copy')}
                      </button>
                      <button type="button" class="secondary" data-testid="link-revoke" onClick={() => setConfirming(link.linkId)}>
                        {t('ui.links.revoke')}
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      <LinkSheet links={printable} village={village} ward={ward} />
    </>
  );
}
