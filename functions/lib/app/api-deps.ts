// Dependencies of the API Lambda, built once per container from the environment.
import { createCognitoIdentity } from '../auth/cognito-identity';
import { jwksOf, parseConfig } from '../config';
import type { AppDeps } from '../http/context';
import { createDocumentClient, createRepository } from '../repo';
import { secretsManagerLinkKeyring } from '../services/links/link-secret';
import { exportJobsFromEnv, recomputeJobsFromEnv } from './background-jobs';

export function apiDepsFromEnv(env: Record<string, string | undefined> = process.env): AppDeps {
  const config = parseConfig(env, [
    'RESPONSES_TABLE',
    'AGGREGATES_TABLE',
    'REFERENCE_TABLE',
    'COGNITO_USER_POOL_ID',
    'COGNITO_CLIENT_ID',
    'AWS_REGION',
    'LINK_SECRET_ARN',
    'ORIGIN_VERIFY',
    // Link URLs are built from it alone: a deployment without it fails here, at start, not on each request.
    'PUBLIC_URL',
  ]);
  const doc = createDocumentClient();
  return {
    repo: createRepository(doc, { responses: config.RESPONSES_TABLE!, aggregates: config.AGGREGATES_TABLE!, reference: config.REFERENCE_TABLE! }),
    identity: createCognitoIdentity({
      region: config.AWS_REGION!,
      userPoolId: config.COGNITO_USER_POOL_ID!,
      clientId: config.COGNITO_CLIENT_ID!,
      jwks: jwksOf(config),
      // Read from Cognito once at the first sign-in: the secret never sits in the function's configuration.
      clientSecret: true,
    }),
    clock: () => new Date(),
    aggregateSlots: config.AGGREGATE_SLOTS,
    linkKey: secretsManagerLinkKeyring(config.LINK_SECRET_ARN!, config.AWS_REGION!),
    publicUrl: config.PUBLIC_URL!,
    originVerify: config.ORIGIN_VERIFY!,
    originVerifyPrevious: config.ORIGIN_VERIFY_PREVIOUS,
    exportJobs: exportJobsFromEnv(env),
    startRecompute: recomputeJobsFromEnv(env),
  };
}
