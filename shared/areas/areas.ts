// Pure area tree: the flat list the API serves and the lookups scope checks need.
import * as z from 'zod/mini';
import { AREA_LEVELS, type AreaLevel, AreaTreeOf } from './area-tree';

export { AREA_LEVELS, type AreaLevel };

export const AreaSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.optional(z.string()),
  level: z.enum(AREA_LEVELS),
  parentCode: z.nullable(z.string()),
  /** Households known from official statistics; the denominator of coverage until a roster exists. */
  households: z.optional(z.nullable(z.number())),
});
export type Area = z.infer<typeof AreaSchema>;

/** Lookups over a flat area list (their own module: the web app's first download uses them without zod). */
export class AreaTree extends AreaTreeOf<Area> {}
