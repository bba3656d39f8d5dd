// One link in the village's list: who it is for, its state, its short code and URL, and copy / revoke.

import type { Link } from '@shared/api/links';
import { useLang } from '../../lib/platform/use-lang';
import { formatMoment } from '../../lib/self-report';

/** What a link is called in the list: the household's name, else "Blank link n". */
export function linkLabel(link: Link, index: number, t: ReturnType<typeof useLang>['t']): string {
  return link.headName ?? t('ui.links.blank_label', { n: index + 1 });
}

interface Props {
  link: Link;
  index: number;
  confirming: boolean;
  onCopy: () => void;
  onAskRevoke: () => void;
  onRevoke: () => void;
  onCancel: () => void;
}

export function LinkRow({ link, index, confirming, onCopy, onAskRevoke, onRevoke, onCancel }: Props) {
  const { lang, t } = useLang();
  return (
    <li class="card link-row" data-testid="link-row" data-state={link.state} data-link-id={link.linkId}>
      <div class="link-info">
        <strong>{linkLabel(link, index, t)}</strong>
        {link.householdCode && <span class="muted">{link.householdCode}</span>}
        <span class={`link-state link-state-${link.state}`} data-testid="link-state">
          {t(`ui.links.state.${link.state}`)}
        </span>
        {link.code && link.state !== 'revoked' && (
          <span class="link-code" data-testid="link-code">
            {link.code}
          </span>
        )}
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
          {confirming ? (
            // biome-ignore lint/a11y/useSemanticElements: a <fieldset> would bring its own border, padding and min-width to this flex row of buttons; the group role names the set without it.
            <div class="row-actions confirm" role="group">
              <span>{t('ui.links.confirm_revoke')}</span>
              <button type="button" class="danger" data-testid="link-revoke-confirm" onClick={onRevoke}>
                {t('ui.links.revoke')}
              </button>
              <button type="button" class="secondary" onClick={onCancel}>
                {t('ui.cancel')}
              </button>
            </div>
          ) : (
            <div class="row-actions">
              <button type="button" class="secondary" data-testid="link-copy" onClick={onCopy}>
                {t('ui.links.copy')}
              </button>
              <button type="button" class="secondary" data-testid="link-revoke" onClick={onAskRevoke}>
                {t('ui.links.revoke')}
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
