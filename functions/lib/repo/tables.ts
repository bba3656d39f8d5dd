// Table layout, shared by the repository, the local table creation and the CDK stacks.
// No SDK import here: infra reads it without pulling in the AWS SDK.

/** Household responses. Partition key `id` (the client's UUID). Streamed with NEW_AND_OLD_IMAGES. */
export const RESPONSES_TABLE = {
  partitionKey: 'id',
  /** GSI listing a round's responses in one ward, sorted by village. */
  byRoundWard: { indexName: 'byRoundWard', partitionKey: 'roundWard', sortKey: 'villageSort' },
} as const;

/** Ward aggregate rows and the fold ledger. Keys `pk` / `sk`. */
export const AGGREGATES_TABLE = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Reference data: areas, rounds, local users, links, roster, failed sign-ins. Keys `pk` / `sk`; TTL `ttl` (epoch s). */
export const REFERENCE_TABLE = { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl' } as const;

/** Environment variable names through which functions learn their tables. */
export const TABLE_ENV = {
  responses: 'RESPONSES_TABLE',
  aggregates: 'AGGREGATES_TABLE',
  reference: 'REFERENCE_TABLE',
} as const;
