// Lambda entry of the Responses stream: folds every change into the ward aggregates.
import { streamDepsFromEnv } from './lib/app/stream-deps';
import { createStreamHandler } from './lib/stream/create-stream-handler';

export const handler = createStreamHandler(streamDepsFromEnv());
