// Configuration parsed once from the environment; a missing key fails at start, by name.
import type { JSONWebKeySet } from 'jose';
import * as z from 'zod/mini';

const ConfigSchema = z.object({
  RESPONSES_TABLE: z.optional(z.string().check(z.minLength(1))),
  AGGREGATES_TABLE: z.optional(z.string().check(z.minLength(1))),
  REFERENCE_TABLE: z.optional(z.string().check(z.minLength(1))),
  AUTH_MODE: z._default(z.enum(['cognito', 'local']), 'cognito'),
  COGNITO_USER_POOL_ID: z.optional(z.string()),
  COGNITO_CLIENT_ID: z.optional(z.string()),
  AWS_REGION: z.optional(z.string()),
  /** The user pool's JWKS (JSON), fetched at deploy: tokens are verified with no network call at start. */
  COGNITO_JWKS: z.optional(z.string().check(z.minLength(2))),
  /** Aggregate rows per ward that stream batches spread their writes over (no hot key). */
  AGGREGATE_SLOTS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(64)), 4),
  /** Secrets Manager secret whose value is the HMAC key of self-report links. */
  LINK_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** Public base URL of the web app (custom domain or the distribution's name): the only source of link URLs. */
  PUBLIC_URL: z.optional(z.url({ protocol: /^https?$/ })),
  /** Value of CloudFront's origin-verify header on /api/* (see infra/README.md): x-viewer-address is trusted only with it. */
  ORIGIN_VERIFY: z.optional(z.string().check(z.minLength(32))),
  /** The value before the last rotation, accepted until CloudFront's edges all send the new one. */
  ORIGIN_VERIFY_PREVIOUS: z.optional(z.string().check(z.minLength(32))),
  /** S3 bucket that export jobs write their files to. */
  EXPORTS_BUCKET: z.optional(z.string().check(z.minLength(1))),
  /** Name of the export worker function the API invokes (asynchronously) for each new export job. */
  EXPORT_WORKER_FUNCTION: z.optional(z.string().check(z.minLength(1))),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses `env`; throws naming each missing or invalid key. */
export function parseConfig(env: Record<string, string | undefined>, required: (keyof Config)[] = []): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid configuration: ${keys}`);
  }
  const missing = required.filter((key) => parsed.data[key] === undefined);
  if (missing.length > 0) throw new Error(`Missing configuration: ${missing.join(', ')}`);
  return parsed.data;
}

/** The shipped JWKS, or undefined (then fetched on first use); malformed JSON fails at start like a missing key. */
export function jwksOf(config: Config): JSONWebKeySet | undefined {
  if (!config.COGNITO_JWKS) return undefined;
  try {
    const set = JSON.parse(config.COGNITO_JWKS) as JSONWebKeySet;
    if (!Array.isArray(set.keys)) throw new Error('no keys');
    return set;
  } catch {
    throw new Error('Invalid configuration: COGNITO_JWKS');
  }
}
