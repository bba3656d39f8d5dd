// Sign-in with a brake on guessing: failed attempts are counted per username and per client address in the store
// (so every container and restart shares them), and past a few free ones each further attempt must wait a delay
// that doubles with every failure. While a key waits, every attempt is a 429 with Retry-After, the right password
// included, so the answer never tells a guesser that a password was right. The second step of an MFA sign-in (the
// 6-digit code) goes through the same brake: a wrong code counts as a failure of that username.
import type { IdentityProvider, SignInResult } from '../../auth/identity';
import { Problem, problem } from '../../errors';
import type { AttemptsRepo, FailedAttempts } from '../../repo/types';

export interface SignInPolicy {
  /** Failures allowed before any wait, per username and per address (carrier NAT: many people, one address). */
  freePerUser: number;
  freePerAddress: number;
  /** The first wait; it doubles with each further failure, up to `maxDelaySeconds`. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Counts are forgotten this long after the last failure. */
  forgetAfterSeconds: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  freePerUser: 5,
  freePerAddress: 20,
  baseDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

/** Seconds `attempts` must still wait at `now` (0: may try). */
export function waitSeconds(attempts: FailedAttempts | undefined, free: number, policy: SignInPolicy, now: Date): number {
  if (!attempts || attempts.failures < free) return 0;
  const delay = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(30, attempts.failures - free));
  const until = Date.parse(attempts.lastFailureAt) + delay * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export interface SignInDeps {
  identity: IdentityProvider;
  attempts: AttemptsRepo;
  clock: () => Date;
  policy?: SignInPolicy;
}

/** A password, or the answer to the MFA challenge that the password step returned. */
export type SignInRequest = {
  username: string;
  /** The address as the brake counts it (IPv6 by its /64). */
  address: string;
  /** The address as it came, for the provider's risk scoring; absent: `address`. */
  ipAddress?: string;
  encodedData?: string;
} & ({ password: string } | { session: string; code: string });

const FAILURES = new Set(['bad_credentials', 'mfa_code_invalid']);

export async function guardedSignIn(request: SignInRequest, { identity, attempts, clock, policy = DEFAULT_SIGN_IN_POLICY }: SignInDeps): Promise<SignInResult> {
  const { username, address, ipAddress, encodedData } = request;
  // Usernames are case-insensitive in Cognito: one count whatever the case.
  const userKey = `user#${username.trim().toLowerCase()}`;
  const addressKey = `address#${address}`;
  const now = clock();
  const [byUser, byAddress] = await Promise.all([attempts.get(userKey, now), attempts.get(addressKey, now)]);
  const wait = Math.max(waitSeconds(byUser, policy.freePerUser, policy, now), waitSeconds(byAddress, policy.freePerAddress, policy, now));
  if (wait > 0) throw problem.tooManyRequests(wait);
  try {
    const context = { address: ipAddress ?? address, encodedData };
    let session: SignInResult;
    if ('password' in request) session = await identity.signIn(username, request.password, context);
    else if (identity.answerMfa) session = await identity.answerMfa(username, request.session, request.code, context);
    else throw problem.badCredentials();
    await attempts.clear(userKey);
    return session;
  } catch (error) {
    if (error instanceof Problem && FAILURES.has(error.code)) {
      await Promise.all([attempts.recordFailure(userKey, now, policy.forgetAfterSeconds), attempts.recordFailure(addressKey, now, policy.forgetAfterSeconds)]);
    }
    throw error;
  }
}
