// Pure area tree: the flat list the API serves and the lookups scope checks need.
import * as z from 'zod/mini';

export const AREA_LEVELS = ['province', 'district', 'ward', 'village'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

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

// The lookups live in their own module: the web app's first download uses them without the zod schemas above.
export { AreaTree } from './area-tree';
