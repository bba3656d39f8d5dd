// Rotation of the origin-verify value: a function that gives the API function the new value (keeping the old one
// accepted) and then CloudFront's API origin (functions/lib/rotation/origin-verify-propagation.ts), on a schedule.
// It may update only that function's configuration and that distribution.
import { Duration } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/lib/http/client-origin';
import { PhieuFunction } from './phieu-function';

export interface OriginVerifyRotationProps {
  projectRoot: string;
  secret: Secret;
  apiFunction: IFunction;
  distribution: IDistribution;
  logEncryptionKey: IKey;
  /** Default 30. */
  rotationDays?: number;
}

/** Adds the rotation function (construct id `id`, beside its log group) and the secret's schedule. */
export function addOriginVerifyRotation(scope: Construct, id: string, props: OriginVerifyRotationProps): PhieuFunction {
  const rotation = new PhieuFunction(scope, id, {
    projectRoot: props.projectRoot,
    entry: 'functions/rotate-origin-verify.ts',
    description: 'Phiếu: rotates the origin-verify value of CloudFront and the API',
    timeout: Duration.minutes(3),
    memorySize: 256,
    logEncryptionKey: props.logEncryptionKey,
    environment: { API_FUNCTION_NAME: props.apiFunction.functionName, DISTRIBUTION_ID: props.distribution.distributionId, ORIGIN_VERIFY_HEADER },
  });
  rotation.addToRolePolicy(
    new PolicyStatement({ actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'], resources: [props.apiFunction.functionArn] }),
  );
  rotation.addToRolePolicy(
    new PolicyStatement({ actions: ['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'], resources: [props.distribution.distributionArn] }),
  );
  props.secret.addRotationSchedule('Rotation', {
    rotationLambda: rotation,
    automaticallyAfter: Duration.days(props.rotationDays ?? 30),
    // CloudFront and the API already share the value made at the first deploy.
    rotateImmediatelyOnUpdate: false,
  });
  return rotation;
}
