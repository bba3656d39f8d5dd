// Which roles may call what: the role half of "who may do what where" (scope.ts holds the area half).
import type { Role, User } from '@shared/api/contract';
import { problem } from '../errors';

/** Throws `forbidden` (403) unless `user` has one of `roles`; no roles means any signed-in user. */
export function assertRole(user: User, roles: readonly Role[]): void {
  if (roles.length > 0 && !roles.includes(user.role)) throw problem.forbidden();
}
