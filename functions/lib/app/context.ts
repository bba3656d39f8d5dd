// What handlers get from the app: dependencies passed in, and per-request values set by middleware.
import type { Context } from 'hono';
import type { User } from '../../../shared/api/contract';
import type { Lang } from '../../../shared/survey/form';
import type { IdentityProvider } from '../auth/identity';
import type { Repository } from '../repo/types';

export interface AppDeps {
  repo: Repository;
  identity: IdentityProvider;
  clock: () => Date;
  /** Aggregate rows per ward (the stream handler's setting; recompute needs it). */
  aggregateSlots: number;
}

export interface AppEnv {
  Variables: {
    lang: Lang;
    user: User;
  };
}

export type AppContext = Context<AppEnv>;
