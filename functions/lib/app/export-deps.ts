// Dependencies of the export Lambda, built once per container from the environment: the Responses and Reference
// tables it holds read grants on, and Cognito. No Aggregates table and no link secret: it serves neither.
import { createCognitoIdentity } from '../auth/cognito-identity';
import { jwksOf, parseConfig } from '../config';
import {
  createAreaSetsRepo,
  createDocumentClient,
  createExportJobsRepo,
  createReferenceRepo,
  createResponsesRepo,
  createSessionsRepo,
  createSurveysRepo,
} from '../repo';
import { lazyExportFiles } from '../storage/lazy-export-files';
import type { ExportAppDeps } from './create-export-app';

export function exportDepsFromEnv(env: Record<string, string | undefined> = process.env): ExportAppDeps {
  const config = parseConfig(env, ['RESPONSES_TABLE', 'REFERENCE_TABLE', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'AWS_REGION']);
  const doc = createDocumentClient();
  return {
    repo: {
      responses: createResponsesRepo(doc, config.RESPONSES_TABLE!),
      reference: createReferenceRepo(doc, config.REFERENCE_TABLE!),
    },
    areaSets: createAreaSetsRepo(doc, config.REFERENCE_TABLE!),
    // Status and download links of export jobs (CloudFront routes GET /api/exports/{id} here): job records only,
    // the change counters are the API's concern.
    jobs: config.EXPORTS_BUCKET
      ? {
          exportJobs: createExportJobsRepo(doc, { jobs: config.REFERENCE_TABLE!, changes: config.REFERENCE_TABLE! }),
          // S3 only for a job's download link: most requests here stream a raw export instead.
          files: lazyExportFiles(config.EXPORTS_BUCKET),
        }
      : undefined,
    surveys: createSurveysRepo(doc, config.REFERENCE_TABLE!),
    sessions: createSessionsRepo(doc, config.REFERENCE_TABLE!),
    identity: createCognitoIdentity({
      region: config.AWS_REGION!,
      userPoolId: config.COGNITO_USER_POOL_ID!,
      clientId: config.COGNITO_CLIENT_ID!,
      jwks: jwksOf(config),
    }),
    clock: () => new Date(),
  };
}
