// Dependencies of the API Lambda, built once per container from the environment.
import { createCognitoIdentity } from './auth/cognito-identity';
import type { AppDeps } from './app/context';
import { parseConfig } from './config';
import { secretsManagerLinkKeyring } from './links/link-secret';
import { createDocumentClient, createRepository, type AggregatesRepo } from './repo';

export function apiDepsFromEnv(env: Record<string, string | undefined> = process.env): AppDeps {
  const config = parseConfig(env, ['RESPONSES_TABLE', 'AGGREGATES_TABLE', 'REFERENCE_TABLE', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'AWS_REGION', 'LINK_SECRET_ARN', 'ORIGIN_VERIFY']);
  const doc = createDocumentClient();
  return {
    repo: createRepository(doc, { responses: config.RESPONSES_TABLE!, aggregates: config.AGGREGATES_TABLE!, reference: config.REFERENCE_TABLE! }),
    identity: createCognitoIdentity({ region: config.AWS_REGION!, userPoolId: config.COGNITO_USER_POOL_ID!, clientId: config.COGNITO_CLIENT_ID! }),
    clock: () => new Date(),
    aggregateSlots: config.AGGREGATE_SLOTS,
    linkKey: secretsManagerLinkKeyring(config.LINK_SECRET_ARN!, config.AWS_REGION!),
    publicUrl: config.PUBLIC_URL,
    originVerify: config.ORIGIN_VERIFY!,
  };
}

/** The export function is granted no Aggregates table: any use of it fails at once, saying so. */
const NO_AGGREGATES = new Proxy({} as AggregatesRepo, {
  get: (_target, name) => () => {
    throw new Error(`the export function has no Aggregates table (aggregates.${String(name)})`);
  },
});

/**
 * Dependencies of the export Lambda: Responses and Reference (read-only grants) and Cognito; no Aggregates table
 * and no link secret (it serves neither aggregates nor link routes).
 */
export function exportDepsFromEnv(env: Record<string, string | undefined> = process.env): AppDeps {
  const config = parseConfig(env, ['RESPONSES_TABLE', 'REFERENCE_TABLE', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'AWS_REGION']);
  const tables = createRepository(createDocumentClient(), { responses: config.RESPONSES_TABLE!, aggregates: '', reference: config.REFERENCE_TABLE! });
  return {
    repo: { ...tables, aggregates: NO_AGGREGATES },
    identity: createCognitoIdentity({ region: config.AWS_REGION!, userPoolId: config.COGNITO_USER_POOL_ID!, clientId: config.COGNITO_CLIENT_ID! }),
    clock: () => new Date(),
    aggregateSlots: config.AGGREGATE_SLOTS,
  };
}
