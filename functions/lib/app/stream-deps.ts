// Dependencies of the stream Lambda, built once per container from the environment.
import { parseConfig } from '../config';
import { createDocumentClient } from '../repo';
import { createAggregatesRepo } from '../repo/aggregates-repo';
import type { StreamHandlerDeps } from '../stream/create-stream-handler';

export function streamDepsFromEnv(env: Record<string, string | undefined> = process.env): StreamHandlerDeps {
  const config = parseConfig(env, ['AGGREGATES_TABLE']);
  return { aggregates: createAggregatesRepo(createDocumentClient(), config.AGGREGATES_TABLE!), slots: config.AGGREGATE_SLOTS };
}
