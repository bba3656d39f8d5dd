// The household roster of a ward: the list of households a survey round should reach, imported by an admin.
// It gives coverage its denominator and lets a collector pick the household they are standing in front of.
import * as z from 'zod/mini';

export const RosterEntrySchema = z.object({
  wardCode: z.string(),
  villageCode: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  address: z.string(),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

/** What is known of a ward's current roster without reading its entries. */
export const WardRosterSchema = z.object({
  wardCode: z.string(),
  /** The area set the ward code is read in; absent: the installation's own set (every roster stored before sets). */
  areaSetId: z.optional(z.string()),
  /** The import whose entries are the ward's roster; entries of other imports are invisible. */
  importId: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  households: z.number(),
  /** Households per village code. */
  villages: z.record(z.string(), z.number()),
});
export type WardRoster = z.infer<typeof WardRosterSchema>;

export const RosterResponseSchema = z.object({
  wardCode: z.string(),
  villageCode: z.nullable(z.string()),
  /** The area set the ward was read in (absent from servers before rosters per set). */
  areaSetId: z.optional(z.string()),
  importedAt: z.nullable(z.string()),
  entries: z.array(RosterEntrySchema),
});
export type RosterResponse = z.infer<typeof RosterResponseSchema>;

/** Per-ward counts of an import, built from valid entries. */
export function wardRostersOf(entries: readonly RosterEntry[], importId: string, importedAt: string, importedBy: string): WardRoster[] {
  const byWard = new Map<string, WardRoster>();
  for (const entry of entries) {
    const ward = byWard.get(entry.wardCode) ?? { wardCode: entry.wardCode, importId, importedAt, importedBy, households: 0, villages: {} };
    ward.households += 1;
    ward.villages[entry.villageCode] = (ward.villages[entry.villageCode] ?? 0) + 1;
    byWard.set(entry.wardCode, ward);
  }
  return [...byWard.values()];
}

export const RosterImportResultSchema = z.object({
  /** The area set the rows were read in (absent from servers before rosters per set). */
  areaSetId: z.optional(z.string()),
  dryRun: z.boolean(),
  valid: z.boolean(),
  rows: z.number(),
  importId: z.optional(z.string()),
  wards: z.array(
    z.object({
      wardCode: z.string(),
      name: z.string(),
      households: z.number(),
      villages: z.array(z.object({ villageCode: z.string(), name: z.string(), households: z.number() })),
      replaces: z.nullable(z.object({ households: z.number(), importedAt: z.string() })),
      /** Households already surveyed in the ward in the open round: more than the new roster holds is a warning. */
      surveyed: z.optional(z.object({ roundId: z.string(), households: z.number() })),
    }),
  ),
  errors: z.array(z.object({ line: z.number(), path: z.string(), message: z.string() })),
});
export type RosterImportResult = z.infer<typeof RosterImportResultSchema>;

/** The current rosters of one area set (`areaSetId`: the set read; absent from servers before rosters per set). */
export const WardRostersResponseSchema = z.object({ areaSetId: z.optional(z.string()), wards: z.array(WardRosterSchema) });
