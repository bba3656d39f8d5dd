// The alarms an operator needs to trust the ward figures: aggregation that stopped or fell behind, and an API
// that fails. They all notify one SNS topic; subscribe an address with `-c alarmEmail=ops@example.vn`.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  apiFunction: IFunction;
  /** The raw-export function (streamed responses through its function URL). */
  exportFunction: IFunction;
  streamFunction: IFunction;
  deadLetters: IQueue;
  /** HTTP API id, for its 5xx metric. */
  httpApiId: string;
  /** Where alarm notifications go by email; none when absent (subscribe the topic by hand). */
  email?: string;
  /** Customer-managed key of the topic; CloudWatch is allowed to use it to publish. */
  masterKey?: IKey;
}

/** Stream lag above this means the ward percentages officials see are out of date. */
export const STREAM_LAG_ALARM = Duration.minutes(5);

export class OperationsAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Phiếu operations', masterKey: props.masterKey, enforceSSL: true });
    props.masterKey?.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const notify = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);

    alarm(
      'DeadLetters',
      'Stream records failed aggregation and wait in the DLQ: replay them (infra/README.md).',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      1,
    );
    alarm(
      'StreamLag',
      'The aggregation stream is behind: ward percentages are stale.',
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: props.streamFunction.functionName },
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      STREAM_LAG_ALARM.toMilliseconds(),
    );
    alarm(
      'StreamErrors',
      'The aggregation function fails (it retries, then dead-letters).',
      props.streamFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
    );
    alarm('ApiErrors', 'The API function throws (the API answers 500).', props.apiFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 5);
    alarm(
      'ExportErrors',
      'The raw-export function fails (an admin download breaks off).',
      props.exportFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      1,
    );
    alarm(
      'Api5xx',
      'The HTTP API answers 5xx to clients.',
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.httpApiId },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      10,
    );
  }
}
