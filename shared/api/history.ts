// GET /api/responses/{id}/history: a response's append-only history (docs/history.md).
import * as z from 'zod/mini';

export const HistoryEntrySchema = z.object({
  version: z.number(),
  at: z.string(),
  by: z.string(),
  action: z.enum(['create', 'edit', 'delete', 'review', 'not_duplicate']),
  changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
  reason: z.optional(z.string()),
});
export type HistoryEntryView = z.infer<typeof HistoryEntrySchema>;

export const HistoryResponseSchema = z.object({ history: z.array(HistoryEntrySchema) });

/** GET /api/duplicates: a ward's likely duplicate households for its reviewers (docs/one-count.md). */
export const DuplicatesResponseSchema = z.object({
  pairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      villageCode: z.string(),
      why: z.array(z.enum(['name', 'address', 'phone'])),
      households: z.record(
        z.string(),
        z.object({ id: z.string(), headName: z.string(), address: z.string(), phone: z.optional(z.string()), createdBy: z.string(), createdAt: z.string() }),
      ),
    }),
  ),
});
export type DuplicatePairView = z.infer<typeof DuplicatesResponseSchema>['pairs'][number];
