// What handlers get from the app: dependencies passed in, and per-request values set by middleware.

import type { User } from '@shared/api/contract';
import type { Lang } from '@shared/survey/form';
import type { Context } from 'hono';
import type { IdentityProvider } from '../auth/identity';
import type { Repository } from '../repo/types';
import type { ExportJobDeps } from '../services/exports/export-jobs';
import type { RecomputeJob } from '../services/indicators/round-indicators';
import type { LinkKeySource } from '../services/links/link-secret';
import type { RateLimit } from '../services/links/rate-limiter';
import type { SignInPolicy } from '../services/sign-in/sign-in-guard';

export interface AppDeps {
  repo: Repository;
  identity: IdentityProvider;
  clock: () => Date;
  /** Aggregate rows per ward (the stream handler's setting; recompute needs it). */
  aggregateSlots: number;
  /** HMAC key of self-report links; absent: a random key for this process (local stack, tests). */
  linkKey?: LinkKeySource;
  /**
   * Public base URL of the web app (`https://phieu.example.vn`), the only source of link URLs: PUBLIC_URL in AWS,
   * the local server's own URL locally. Never taken from a request's headers.
   */
  publicUrl: string;
  /** Limits of the public self-report routes; absent: the defaults in http/routes/self.ts. */
  selfRateLimits?: { perToken: RateLimit; perAddress: RateLimit; invalidPerAddress?: RateLimit; invalidCodesPerAddress?: RateLimit };
  /**
   * The value CloudFront sends in the origin-verify header (ORIGIN_VERIFY): only requests carrying it may name
   * the viewer address (x-viewer-address). Absent (local stack, tests): that header is never trusted.
   */
  originVerify?: string;
  /** Cap on active self-report links per village and round; absent: DEFAULT_MAX_ACTIVE_LINKS (2,000). */
  maxActiveLinksPerVillage?: number;
  /** Failed sign-in limits; absent: DEFAULT_SIGN_IN_POLICY. */
  signInPolicy?: SignInPolicy;
  /** The origin-verify value before the last rotation, accepted alongside `originVerify` while it reaches the edges. */
  originVerifyPrevious?: string;
  /** Where export jobs write their files and how the worker is started; absent: no export jobs (the export function). */
  exportJobs?: Pick<ExportJobDeps, 'files' | 'dispatch'>;
  /** Starts an indicator recompute job (an async invoke of the worker in AWS); absent: run in this process. */
  startRecompute?: (job: RecomputeJob) => Promise<void>;
}

export interface AppEnv {
  Variables: {
    lang: Lang;
    user: User;
  };
}

export type AppContext = Context<AppEnv>;
