// us-east-1 only: CloudFront standard logging (v2) of the distribution into a KMS-encrypted log group. CloudFront
// log deliveries are created in us-east-1, and they need the distribution, which the regional stateless stack
// makes: hence a stack of its own, deployed after it. The record fields leave out everything that can carry a
// self-report link token or other request content: the URI path and query, the Referer and the cookies.
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { phieuKey } from '../constructs/phieu-key';

/**
 * What an access log line holds. `cache-behavior-path-pattern` says which part of the app was asked (`/api/self/*`,
 * `/api/*`, the web app) without the path itself; `x-edge-request-id` ties a line to the API's own logs.
 */
export const DISTRIBUTION_LOG_FIELDS = [
  'timestamp',
  'DistributionId',
  'x-edge-location',
  'x-edge-request-id',
  'c-ip',
  'c-country',
  'cs-method',
  'cs-protocol',
  'cs-protocol-version',
  'ssl-protocol',
  'ssl-cipher',
  'cache-behavior-path-pattern',
  'sc-status',
  'sc-bytes',
  'cs-bytes',
  'time-taken',
  'time-to-first-byte',
  'x-edge-result-type',
  'x-edge-response-result-type',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'cs(User-Agent)',
] as const;

/** Fields that must never be delivered: they carry link tokens (`/api/self/{token}`) or request content. */
export const DISTRIBUTION_LOG_FORBIDDEN_FIELDS = ['cs-uri-stem', 'cs-uri-query', 'cs(Referer)', 'cs(Cookie)', 'x-host-header', 'cs(Host)'];

export interface EdgeLogsStackProps extends StackProps {
  /** The distribution to log (a cross-region reference to the stateless stack's). */
  distributionId: string;
  retention?: RetentionDays;
}

export class EdgeLogsStack extends Stack {
  constructor(scope: Construct, id: string, props: EdgeLogsStackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error(`EdgeLogsStack must be in us-east-1 (CloudFront log deliveries), not ${this.region}`);

    const key = phieuKey(this, 'LogKey', 'CloudFront access logs', { forLogs: true });
    const logGroup = new LogGroup(this, 'DistributionLogs', {
      retention: props.retention ?? RetentionDays.THREE_MONTHS,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const source = new CfnDeliverySource(this, 'Source', {
      name: `${this.stackName}-distribution`,
      logType: 'ACCESS_LOGS',
      resourceArn: this.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: props.distributionId }),
    });
    const destination = new CfnDeliveryDestination(this, 'Destination', {
      name: `${this.stackName}-log-group`,
      destinationResourceArn: logGroup.logGroupArn,
      outputFormat: 'json',
    });
    const delivery = new CfnDelivery(this, 'Delivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.attrArn,
      recordFields: [...DISTRIBUTION_LOG_FIELDS],
    });
    delivery.addResourceDependency(source);
  }
}
