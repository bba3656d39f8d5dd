// The repository: the only module that talks to DynamoDB. Built from a client and table names.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAggregatesRepo } from './aggregates-repo';
import { createAreaSetsRepo } from './area-sets-repo';
import { createAttemptsRepo } from './attempts-repo';
import { createCountingsRepo } from './countings-repo';
import { createDuplicatesRepo } from './duplicates-repo';
import { createExportJobsRepo } from './export-jobs-repo';
import { createHistoryRepo } from './history-repo';
import { createLinksRepo } from './links-repo';
import { createReferenceRepo } from './reference-repo';
import { createResponsesRepo } from './responses-repo';
import { createRosterRepo } from './roster-repo';
import { createSessionsRepo } from './sessions-repo';
import { createSurveysRepo } from './surveys-repo';
import type { AggregatesRepo, ReferenceRepo, Repository, ResponsesRepo } from './types';

export interface TableNames {
  responses: string;
  aggregates: string;
  reference: string;
}

export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), { marshallOptions: { removeUndefinedValues: true } });
}

export function createRepository(doc: DynamoDBDocumentClient, tables: TableNames): Repository {
  return {
    // Households' claims (one response per roster household and round) live in Reference, beside the roster.
    responses: createResponsesRepo(doc, tables.responses, tables.reference),
    // Every response's history beside the aggregates: the stream function writes both.
    history: createHistoryRepo(doc, tables.aggregates),
    duplicates: createDuplicatesRepo(doc, tables.reference),
    aggregates: createAggregatesRepo(doc, tables.aggregates),
    countings: createCountingsRepo(doc, tables.aggregates),
    reference: createReferenceRepo(doc, tables.reference),
    // Area sets too: a few sets per decade, each with its units and mappings in partitions of their own.
    areaSets: createAreaSetsRepo(doc, tables.reference),
    roster: createRosterRepo(doc, tables.reference),
    // Links live in the Reference table, under their own partition per round and village.
    links: createLinksRepo(doc, tables.reference),
    // Failed sign-ins too, with a TTL, so every container shares the counts.
    attempts: createAttemptsRepo(doc, tables.reference),
    sessions: createSessionsRepo(doc, tables.reference),
    // Questionnaires too: a handful of versions a year, read through a per-version cache.
    surveys: createSurveysRepo(doc, tables.reference),
    // Export jobs in Reference; the responses change counters beside the aggregates (the stream function writes them).
    exportJobs: createExportJobsRepo(doc, { jobs: tables.reference, changes: tables.aggregates }),
  };
}

export { changeRecordOf } from './stream-records';
export type * from './types';
export type { AggregatesRepo, ReferenceRepo, Repository, ResponsesRepo };
export {
  createAggregatesRepo,
  createAreaSetsRepo,
  createExportJobsRepo,
  createHistoryRepo,
  createLinksRepo,
  createReferenceRepo,
  createResponsesRepo,
  createRosterRepo,
  createSessionsRepo,
  createSurveysRepo,
};
