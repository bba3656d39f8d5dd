// The HTTP API in front of the API function: one $default route and the public self-report routes, a throttled
// stage, and its access log. Created on the given scope (the stack), so resource ids stay those of the stack.
import { RemovalPolicy } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Self-report links (issue 5): the public route and its stage throttle, below the whole API's. */
const SELF_ROUTE_PATH = '/api/self/{token}';
const SELF_THROTTLE = { rateLimit: 20, burstLimit: 40 };

/**
 * The API stage's access log line. `$context.routeKey` (`$default`, `GET /api/self/{token}`) instead of the raw
 * path: the path of /api/self/{token} and DELETE /api/links/{token} carries a link token, a credential.
 */
export const API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  cloudFrontId: '$context.requestHeader.x-amz-cf-id',
});

export interface HttpApiProps {
  handler: IFunction;
  /** Key of the access log group. */
  logEncryptionKey: IKey;
}

export function addHttpApi(scope: Construct, props: HttpApiProps): { httpApi: HttpApi; stage: HttpStage } {
  const apiIntegration = new HttpLambdaIntegration('ApiIntegration', props.handler);
  const httpApi = new HttpApi(scope, 'HttpApi', {
    description: 'Phiếu API: every route goes to the Hono function',
    defaultIntegration: apiIntegration,
    // The stage is declared below so that it can carry throttling.
    createDefaultStage: false,
  });
  // Self-report links are public: bound what one client (or a leaked link) can cost.
  const stage = new HttpStage(scope, 'DefaultStage', {
    httpApi,
    autoDeploy: true,
    throttle: { rateLimit: 50, burstLimit: 100 },
  });
  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
    retention: RetentionDays.THREE_MONTHS,
    encryptionKey: props.logEncryptionKey,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  (stage.node.defaultChild as CfnStage).accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: API_ACCESS_LOG_FORMAT };
  // The public self-report routes get their own, lower share, so link traffic cannot starve the collectors.
  // RouteSettings is raw CloudFormation JSON: CloudFormation's casing.
  httpApi.addRoutes({ path: SELF_ROUTE_PATH, methods: [HttpMethod.GET, HttpMethod.PUT], integration: apiIntegration });
  (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
    ['GET', 'PUT'].map((method) => [
      `${method} ${SELF_ROUTE_PATH}`,
      { ThrottlingRateLimit: SELF_THROTTLE.rateLimit, ThrottlingBurstLimit: SELF_THROTTLE.burstLimit },
    ]),
  );
  return { httpApi, stage };
}
