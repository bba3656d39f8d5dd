// Propagation of a new origin-verify value (setSecret of its rotation), in the order that never refuses CloudFront:
// first the API function accepts both values (ORIGIN_VERIFY = new, ORIGIN_VERIFY_PREVIOUS = old), then CloudFront's
// API origin sends the new one. The next deploy resolves both CloudFormation dynamic references to the new
// AWSCURRENT, so the out-of-band changes are also what the template says (ORIGIN_VERIFY_PREVIOUS then goes away).
import type { Propagate } from './random-secret-rotation';

type Vars = Record<string, string>;

/** The Lambda and CloudFront calls used (the runtime's SDK v3 in Lambda, fakes in tests). */
export interface OriginVerifyTargets {
  functionEnvironment(functionName: string): Promise<Vars>;
  /** Sets the environment and resolves once the function runs with it. */
  setFunctionEnvironment(functionName: string, variables: Vars): Promise<void>;
  /** Replaces the value of `headerName` on every origin of the distribution that sends it; returns how many. */
  setOriginHeader(distributionId: string, headerName: string, value: string): Promise<number>;
}

export interface OriginVerifyConfig {
  apiFunctionName: string;
  distributionId: string;
  headerName: string;
}

export function originVerifyPropagation(targets: OriginVerifyTargets, config: OriginVerifyConfig): Propagate {
  return async ({ pending, current }) => {
    const variables = await targets.functionEnvironment(config.apiFunctionName);
    const previous = current ?? variables.ORIGIN_VERIFY;
    await targets.setFunctionEnvironment(config.apiFunctionName, {
      ...variables,
      ORIGIN_VERIFY: pending,
      ...(previous ? { ORIGIN_VERIFY_PREVIOUS: previous } : {}),
    });
    const updated = await targets.setOriginHeader(config.distributionId, config.headerName, pending);
    if (updated === 0) throw new Error(`no origin of distribution ${config.distributionId} sends ${config.headerName}`);
  };
}
