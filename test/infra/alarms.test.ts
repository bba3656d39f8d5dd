// CDK assertions on the operations alarms: each watches the resource it names and notifies the one topic.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_LAG_ALARM } from '../../infra/constructs/operations-alarms';
import { addPhieuStacks } from '../../infra/stacks/phieu';

type Json = any; // CloudFormation template fragments
const CDK_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

let webDir: string;
const synth = (context: Record<string, unknown> = {}) =>
  Template.fromStack(addPhieuStacks(new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } }), { webAssetsPath: webDir }).stateless);

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'phieu-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Phiếu</title>');
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

function alarmOn(template: Template, metricName: string): Json {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[];
  const found = alarms.filter((alarm) => alarm.Properties.MetricName === metricName);
  expect(found, `one alarm on ${metricName}`).toHaveLength(1);
  return found[0].Properties;
}

function logicalIdOf(template: Template, type: string, props: Json = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids, `one ${type}`).toHaveLength(1);
  return ids[0]!;
}

describe('operations alarms', () => {
  let stateless: Template;
  beforeAll(() => {
    stateless = synth();
  });

  it('alarms as soon as one stream record waits in the dead-letter queue', () => {
    const alarm = alarmOn(stateless, 'ApproximateNumberOfMessagesVisible');
    const queue = logicalIdOf(stateless, 'AWS::SQS::Queue');
    expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]);
    expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
  });

  it('alarms when the stream function lags the Responses stream by five minutes', () => {
    const alarm = alarmOn(stateless, 'IteratorAge');
    const streamFunction = logicalIdOf(stateless, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp('folds Responses stream') });
    expect(alarm.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: streamFunction } }]);
    expect(alarm.Threshold).toBe(STREAM_LAG_ALARM.toMilliseconds());
  });

  it('alarms on errors of each function by its own name', () => {
    const alarms = (Object.values(stateless.findResources('AWS::CloudWatch::Alarm')) as Json[]).filter((a) => a.Properties.MetricName === 'Errors');
    const functions = ['Phiếu HTTP API', 'folds Responses stream', 'raw responses export'].map((description) =>
      logicalIdOf(stateless, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp(description) }),
    );
    expect(alarms.map((a) => a.Properties.Dimensions[0].Value.Ref).sort()).toEqual([...functions].sort());
  });

  it('alarms on API 5xx answers of this HTTP API', () => {
    const alarm = alarmOn(stateless, '5xx');
    const api = logicalIdOf(stateless, 'AWS::ApiGatewayV2::Api');
    expect(alarm.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: api } }]);
  });

  it('sends every alarm to the one operations topic', () => {
    const topic = logicalIdOf(stateless, 'AWS::SNS::Topic');
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')) as Json[];
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it('subscribes the alarmEmail context address, and nobody without it', () => {
    stateless.resourceCountIs('AWS::SNS::Subscription', 0);
    synth({ alarmEmail: 'ops@bimson.example.vn' }).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@bimson.example.vn' });
  });
});
