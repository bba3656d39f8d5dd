// Exports as jobs: what a client asks for (POST /api/exports) and what it polls (GET /api/exports/{id}).
// A job runs in the background into object storage; the answer carries a time-limited download link once done.
import * as z from 'zod/mini';

export const EXPORT_KINDS = ['responses', 'aggregates'] as const;
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_JOB_SHAPES = ['long', 'wide'] as const;
export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const ExportJobRequestSchema = z.strictObject({
  roundId: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: z.enum(EXPORT_KINDS),
  /** Raw responses only: one row per member (long, default) or per household (wide). */
  shape: z.optional(z.enum(EXPORT_JOB_SHAPES)),
  format: z.enum(EXPORT_FORMATS),
  /** Default: the whole tree for admins, the caller's one area for officials. */
  areaCode: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  /**
   * Aggregates only: show the figures on this area set (re-based through its mapping from the round's set, as
   * GET /api/aggregates?areaSet= does); `areaCode` is then a code of that set. Absent: the round's own set.
   */
  areaSet: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** CSV only: gzip the file (a province's long CSV shrinks about tenfold). */
  gzip: z.optional(z.boolean()),
});
export type ExportJobRequest = z.infer<typeof ExportJobRequestSchema>;

export const ExportJobAcceptedSchema = z.object({ id: z.string(), status: z.enum(EXPORT_JOB_STATUSES) });

export const ExportJobViewSchema = z.object({
  id: z.string(),
  status: z.enum(EXPORT_JOB_STATUSES),
  /** Rows written so far (while running) or in all (done). */
  rows: z.optional(z.number()),
  bytes: z.optional(z.number()),
  /** Time-limited download link, once done. */
  url: z.optional(z.string()),
  /** When `url` stops working: poll again for a fresh one. */
  expiresAt: z.optional(z.string()),
  /** Why a failed job failed (technical text, for the log and support). */
  error: z.optional(z.string()),
});
export type ExportJobView = z.infer<typeof ExportJobViewSchema>;
