// An admin changes what a user may do (role, areas) or removes the user. Either way the user's sessions end at
// once: a token names the role and areas it was issued with, so it must not outlive the change, and the refresh
// credential must not mint a new one from before it. The user signs in again and gets the new access.
import type { IdentityProvider, UserChange } from '../../auth/identity';
import { problem } from '../../errors';

export interface UserAccessDeps {
  identity: IdentityProvider;
  /** Stores the cut-off and signs the user out at the provider (auth/session-cutoff.ts). */
  endSessions(username: string): Promise<void>;
}

export async function changeUserAccess(username: string, change: UserChange, { identity, endSessions }: UserAccessDeps): Promise<void> {
  if (!identity.updateUser) throw problem.notFound();
  await identity.updateUser(username, change);
  await endSessions(username);
}

export async function removeUser(username: string, { identity, endSessions }: UserAccessDeps): Promise<void> {
  if (!identity.removeUser) throw problem.notFound();
  // Signed out first: once the account is gone the provider has no sessions to end, and the cut-off must exist.
  await endSessions(username);
  await identity.removeUser(username);
}
