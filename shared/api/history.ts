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
