// What the operator CLIs (recompute, replay-dead-letters) share: where the tables are and the clients to
// reach them. Locally: DynamoDB Local at `--endpoint` (printed by `npm start`) with the local stack's
// tables. In AWS (`--aws`): the default credential chain and the table names from the environment.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseConfig } from '../../functions/lib/config';
import { createRepository, type Repository, type TableNames } from '../../functions/lib/repo';
import { cachedAreaTree } from '../../functions/lib/services/areas/area-tree';
import type { RecomputeLiveDeps } from '../../functions/lib/services/indicators/recompute-live';
import { LOCAL_AWS } from './dynamodb-local';
import { LOCAL_TABLES } from './stack';

/** The prefix of the local stack's table names; `--tables-prefix` replaces it. */
const LOCAL_PREFIX = 'phieu-';

export class UsageError extends Error {}

export interface CliTarget {
  endpoint?: string;
  region?: string;
  tablesPrefix?: string;
  aws?: boolean;
}

export interface CliDeps {
  tables: TableNames;
  client: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  repo: Repository;
  slots: number;
  /** Recompute's dependencies over this repository. */
  recomputeDeps(): RecomputeLiveDeps;
  /** The stream ARN of the responses table. */
  responsesStreamArn(): Promise<string>;
  close(): void;
}

export function connect(target: CliTarget, env: Record<string, string | undefined> = process.env): CliDeps {
  let tables: TableNames;
  let clientConfig: ConstructorParameters<typeof DynamoDBClient>[0];
  const config = parseConfig(env);
  if (target.aws) {
    let required;
    try {
      required = parseConfig(env, ['RESPONSES_TABLE', 'AGGREGATES_TABLE', 'REFERENCE_TABLE']);
    } catch (error) {
      throw new UsageError(`${(error as Error).message}: with --aws, set them to the deployed table names.`);
    }
    tables = { responses: required.RESPONSES_TABLE!, aggregates: required.AGGREGATES_TABLE!, reference: required.REFERENCE_TABLE! };
    clientConfig = { region: target.region ?? config.AWS_REGION };
  } else {
    if (!target.endpoint) {
      throw new UsageError(
        'Missing --endpoint: the DynamoDB Local endpoint that `npm start` prints ("DynamoDB Local at http://127.0.0.1:…"), or --aws to use AWS.',
      );
    }
    const prefixed = (name: string) => (target.tablesPrefix === undefined ? name : `${target.tablesPrefix}${name.slice(LOCAL_PREFIX.length)}`);
    tables = { responses: prefixed(LOCAL_TABLES.responses), aggregates: prefixed(LOCAL_TABLES.aggregates), reference: prefixed(LOCAL_TABLES.reference) };
    clientConfig = { ...LOCAL_AWS, ...(target.region ? { region: target.region } : {}), endpoint: target.endpoint };
  }
  const client = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const repo = createRepository(doc, tables);
  const slots = config.AGGREGATE_SLOTS;
  const clock = () => new Date();
  return {
    tables,
    client,
    streams,
    repo,
    slots,
    recomputeDeps: () => ({
      responses: repo.responses,
      aggregates: repo.aggregates,
      countings: repo.countings,
      reference: repo.reference,
      // Any set's tree, stored sets included: a round's wards are those of the set it pins.
      areaTree: cachedAreaTree(repo.reference, clock, undefined, repo.areaSets),
      slots,
      clock,
    }),
    async responsesStreamArn() {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.responses }));
      if (!Table?.LatestStreamArn) throw new UsageError(`table ${tables.responses} has no stream`);
      return Table.LatestStreamArn;
    },
    close() {
      client.destroy();
      streams.destroy();
    },
  };
}

/** A fixed-width text table (console.table prints quotes and an index column operators do not need). */
export function textTable(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(columns.map((c) => String(row[c]))))].join('\n');
}
