// The app's wiring, shared by `infra/app.ts` and the CDK tests so both see the same stacks.
// Four stacks: the regional pair split by lifetime (stateful, stateless), and two small us-east-1 stacks for what
// CloudFront only accepts from there: the WAF web ACL (before the distribution) and the access-log delivery (after
// it). Cross-region values travel as CDK cross-region references (SSM parameters that CDK writes and reads).
import { type App, Tags } from 'aws-cdk-lib';
import { DEFAULT_EDGE_RATE_LIMITS, type EdgeRateLimits } from '../constructs/edge-web-acl';
import type { WebDomain } from '../constructs/web-site';
import { EdgeLogsStack } from './edge-logs-stack';
import { EdgeStack } from './edge-stack';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Where the data lives when neither `-c region=…` nor the CLI's profile says: Singapore, the nearest to Vietnam. */
export const DEFAULT_REGION = 'ap-southeast-1';
const EDGE_REGION = 'us-east-1';

export interface PhieuStacksOptions {
  /** Built web app directory; default `web/dist`. */
  webAssetsPath?: string;
  /** Alarm notifications by email; default: the `alarmEmail` context value, if any. */
  alarmEmail?: string;
}

export interface PhieuStacks {
  edge: EdgeStack;
  stateful: StatefulStack;
  stateless: StatelessStack;
  edgeLogs: EdgeLogsStack;
}

/** A positive integer from context (cdk.json or `-c name=value`, which arrives as a string). */
function numberContext(app: App, name: string): number | undefined {
  const raw = app.node.tryGetContext(name) as string | number | undefined;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Context ${name} must be a whole number, not ${String(raw)}`);
  return value;
}

function domainContext(app: App): WebDomain | undefined {
  const domainName = app.node.tryGetContext('domainName') as string | undefined;
  const certificateArn = app.node.tryGetContext('certificateArn') as string | undefined;
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) throw new Error('Context domainName and certificateArn go together (the certificate in us-east-1)');
  if (!certificateArn.includes(`:${EDGE_REGION}:`)) throw new Error(`certificateArn must be an ACM certificate in ${EDGE_REGION} (CloudFront's requirement)`);
  return { domainName, certificateArn };
}

/**
 * Adds the stacks. The regions are fixed at synthesis (cross-region references need them): context `region`, else
 * the CLI's default region, else DEFAULT_REGION. The account stays open unless the CLI knows it, so synthesis needs
 * no credentials.
 */
export function addPhieuStacks(app: App, options: PhieuStacksOptions = {}): PhieuStacks {
  Tags.of(app).add('project', 'phieu');
  const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const rateLimits: EdgeRateLimits = {
    all: numberContext(app, 'wafRateLimit') ?? DEFAULT_EDGE_RATE_LIMITS.all,
    session: numberContext(app, 'wafSessionRateLimit') ?? DEFAULT_EDGE_RATE_LIMITS.session,
    self: numberContext(app, 'wafSelfRateLimit') ?? DEFAULT_EDGE_RATE_LIMITS.self,
  };

  const domain = domainContext(app);
  const edge = new EdgeStack(app, 'PhieuEdge', {
    description: 'Phiếu: WAF web ACL of the CloudFront distribution (us-east-1)',
    env: { account, region: EDGE_REGION },
    rateLimits,
  });
  const stateful = new StatefulStack(app, 'PhieuStateful', {
    description: 'Phiếu: tables, user pool and secrets (retained)',
    env: { account, region },
    linkKeyRotationDays: numberContext(app, 'linkKeyRotationDays'),
  });
  const stateless = new StatelessStack(app, 'PhieuStateless', {
    description: 'Phiếu: functions, HTTP API, DLQ and web distribution',
    env: { account, region },
    crossRegionReferences: true,
    state: stateful.state,
    webAssetsPath: options.webAssetsPath,
    alarmEmail: options.alarmEmail ?? (app.node.tryGetContext('alarmEmail') as string | undefined),
    webAclArn: edge.webAclArn,
    domain,
    reservedConcurrency: { api: numberContext(app, 'apiReservedConcurrency'), export: numberContext(app, 'exportReservedConcurrency') },
  });
  acknowledgeNagFindings({ stateful, stateless }, { customDomain: domain !== undefined });
  const edgeLogs = new EdgeLogsStack(app, 'PhieuEdgeLogs', {
    description: 'Phiếu: CloudFront access logs without URIs (us-east-1)',
    env: { account, region: EDGE_REGION },
    crossRegionReferences: true,
    distributionId: stateless.distributionId,
  });
  return { edge, stateful, stateless, edgeLogs };
}
