// Lambda entry of the raw responses export: only /api/exports, answered as a stream through a Lambda function
// URL (invoke mode RESPONSE_STREAM), which API Gateway cannot do. CloudFront routes /api/exports/* here.
import { streamHandle } from 'hono/aws-lambda';
import { createExportApp } from './lib/app/create-export-app';
import { exportDepsFromEnv } from './lib/app/export-deps';

export const handler = streamHandle(createExportApp(exportDepsFromEnv()));
