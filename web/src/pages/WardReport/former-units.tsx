// A ward of another area set in the report: which units of the round's own set formed it, with their households
// surveyed and known totals (the round's own figures), and those the round never surveyed (Hà Vinh in 2024). It
// takes the place of the village coverage, which the server keeps per unit of the round's own set.
import type { Area } from '@shared/areas/areas';
import type { MappingView, ResultsRow } from '../../lib/officials';
import { areaName } from '../../lib/platform/areas';
import { formatCount } from '../../lib/platform/format';
import { useLang } from '../../lib/platform/use-lang';

export interface FormerUnit {
  code: string;
  name: string;
  /** Whether the round's set holds the unit (else the round never surveyed it). */
  held: boolean;
  surveyed: number;
  total: number | null;
}

/** The former units of `wardCode` through the mapping, in its order, with the round's own rows. */
export function formerUnitsOf(wardCode: string, mapping: MappingView, ownRows: readonly ResultsRow[], ownAreas: readonly Area[]): FormerUnit[] {
  return mapping
    .filter((link) => link.to === wardCode)
    .map((link) => {
      const area = ownAreas.find((a) => a.code === link.from);
      const row = ownRows.find((r) => r.code === link.from);
      return {
        code: link.from,
        name: link.fromName ?? area?.name ?? link.from,
        held: Boolean(area ?? row),
        surveyed: row?.households.surveyed ?? 0,
        total: row ? row.households.total : (area?.households ?? null),
      };
    });
}

export function FormerUnits({ units, ownAreas }: { units: readonly FormerUnit[]; ownAreas: readonly Area[] }) {
  const { lang, t } = useLang();
  const nameOf = (unit: FormerUnit) => {
    const area = ownAreas.find((a) => a.code === unit.code);
    return area && unit.held ? areaName(area, lang) : unit.name;
  };
  return (
    <section>
      <h2>{t('ui.report.formed_from')}</h2>
      <table class="plain report-table" data-testid="report-former-units">
        <thead>
          <tr>
            <th scope="col">{t('ui.report.former_unit')}</th>
            <th scope="col" class="num">
              {t('ui.report.surveyed')}
            </th>
            <th scope="col" class="num">
              {t('export.col.households_total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.code} data-testid={`report-former-${unit.code}`}>
              <th scope="row">{nameOf(unit)}</th>
              {unit.held ? (
                <>
                  <td class="num">{formatCount(unit.surveyed, lang)}</td>
                  <td class="num">{unit.total === null ? '—' : formatCount(unit.total, lang)}</td>
                </>
              ) : (
                <td colSpan={2}>{t('ui.report.not_surveyed')}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
