// The printable A4 sheet: per household a card with a QR code, the short address to type (`phieu.example/s/<code>`,
// not the long link) and its code, and two lines of instructions, always in Vietnamese (it is handed to households,
// whatever language the collector reads the app in). The QR code keeps the full link: scanning needs no lookup.

import type { Link } from '@shared/api/links';
import type { Area } from '@shared/areas/areas';
import { translate } from '@shared/i18n/dictionary';
import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { formatDay } from '../../lib/self-report';

/** What a person types: the short URL without its scheme (browsers add it), else the full link (older links). */
export function typedAddress(link: Link): string {
  return link.shortUrl ? link.shortUrl.replace(/^https?:\/\//, '') : link.url;
}

export function LinkSheet({ links, village, ward }: { links: Link[]; village: Area; ward: Area }) {
  const cards = useMemo(() => links.map((link) => ({ link, svg: renderSVG(link.url, { ecc: 'M', border: 1 }) })), [links]);
  const vi = (key: Parameters<typeof translate>[1], params?: Record<string, unknown>) => translate('vi', key, params);
  return (
    <section class="link-sheet" aria-hidden="true" data-testid="link-sheet">
      {cards.map(({ link, svg }) => (
        <article key={link.linkId} class="sheet-card" data-testid="sheet-card">
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is generated locally by uqr from our own link URL; it holds no user text. */}
          <div class="sheet-qr" dangerouslySetInnerHTML={{ __html: svg }} />
          <div class="sheet-text">
            <h3>{vi('ui.links.sheet_title')}</h3>
            <p class="sheet-place">
              {village.name}, {ward.name}
            </p>
            <p class="sheet-household">{link.headName ? vi('ui.links.sheet_household', { name: link.headName }) : vi('ui.links.sheet_blank')}</p>
            <p>{vi('ui.links.sheet_line1')}</p>
            <p>{vi('ui.links.sheet_line2', { date: formatDay(link.expiresAt, 'vi') })}</p>
            <p class="sheet-url" data-testid="sheet-address">
              {typedAddress(link)}
            </p>
            {link.code && <p class="sheet-code">{vi('ui.links.sheet_code', { code: link.code })}</p>}
          </div>
        </article>
      ))}
    </section>
  );
}
