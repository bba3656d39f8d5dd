// Lambda entry of the HTTP API (API Gateway HTTP API → Hono).
import { handle } from 'hono/aws-lambda';
import { apiDepsFromEnv } from './lib/app/api-deps';
import { createApp } from './lib/app/create-app';

export const handler = handle(createApp(apiDepsFromEnv()));
