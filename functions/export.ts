// Lambda entry of the raw responses export: the same Hono app, answered as a stream through a Lambda
// function URL (invoke mode RESPONSE_STREAM), which API Gateway cannot do. CloudFront routes /api/exports/* here.
import { streamHandle } from 'hono/aws-lambda';
import { createApp } from './lib/app/create-app';
import { apiDepsFromEnv } from './lib/api-deps';

export const handler = streamHandle(createApp(apiDepsFromEnv()));
