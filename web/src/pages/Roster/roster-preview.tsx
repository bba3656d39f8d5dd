// The roster import's preview: wards, villages and counts the file would import, a warning where a ward already
// has more households surveyed than its new roster holds, and every bad line (nothing is imported then).
import type { RosterImportResult } from '@shared/roster/roster';
import { LineErrors } from '../../components/LineErrors';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

export function RosterPreview({ preview, busy, onImport }: { preview: RosterImportResult; busy: boolean; onImport: () => void }) {
  const { lang, t } = useLang();
  return (
    <section data-testid="roster-preview" aria-live="polite">
      <h2>{t('ui.roster.preview')}</h2>
      <p>{t('ui.roster.rows', { rows: formatCount(preview.rows, lang) })}</p>
      {preview.wards.map((ward) => (
        <details key={ward.wardCode} open={preview.wards.length === 1}>
          <summary>
            {ward.name}: {t('ui.roster.ward_households', { n: formatCount(ward.households, lang) })}
            {ward.replaces && ` ${t('ui.roster.replaces', { n: formatCount(ward.replaces.households, lang) })}`}
          </summary>
          {ward.surveyed && ward.surveyed.households > ward.households && (
            <Notice kind="warning" testId={`roster-coverage-over-${ward.wardCode}`}>
              {t('ui.coverage.over', { surveyed: formatCount(ward.surveyed.households, lang), total: formatCount(ward.households, lang) })}
            </Notice>
          )}
          <ul>
            {ward.villages.map((v) => (
              <li key={v.villageCode}>
                {v.name}: {formatCount(v.households, lang)}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {preview.errors.length > 0 ? (
        <>
          <Notice kind="error" testId="roster-invalid">
            {t('ui.roster.invalid', { n: formatCount(preview.errors.length, lang) })}
          </Notice>
          <LineErrors errors={preview.errors} columnOf={(e) => t(`ui.roster.field.${e.path.split('.')[2] as 'wardCode'}`)} testId="roster-errors" />
        </>
      ) : (
        <button type="button" class="primary" disabled={busy} data-testid="roster-import" onClick={onImport}>
          {t('ui.roster.import', { rows: formatCount(preview.rows, lang) })}
        </button>
      )}
    </section>
  );
}
