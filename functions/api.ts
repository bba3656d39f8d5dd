// Lambda entry of the HTTP API (API Gateway HTTP API → Hono).
import { handle } from 'hono/aws-lambda';
import { createApp } from './lib/app/create-app';
import { apiDepsFromEnv } from './lib/app/api-deps';

export const handler = handle(createApp(apiDepsFromEnv()));
