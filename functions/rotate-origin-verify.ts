// Lambda entry: Secrets Manager rotation of the origin-verify value CloudFront sends the API. At setSecret the API
// function learns the new value (keeping the old as ORIGIN_VERIFY_PREVIOUS), then CloudFront's API origin sends it.
import { originVerifyPropagation } from './lib/rotation/origin-verify-propagation';
import { type RotationEvent, randomSecretRotation } from './lib/rotation/random-secret-rotation';
import { sdkOriginVerifyTargets } from './lib/rotation/sdk-origin-verify-targets';
import { sdkRotationSecrets } from './lib/rotation/sdk-rotation-secrets';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`Missing configuration: ${name}`);
  return value;
};

export const handler = async (event: RotationEvent) => {
  const propagate = originVerifyPropagation(await sdkOriginVerifyTargets(), {
    apiFunctionName: required('API_FUNCTION_NAME'),
    distributionId: required('DISTRIBUTION_ID'),
    headerName: required('ORIGIN_VERIFY_HEADER'),
  });
  return randomSecretRotation(sdkRotationSecrets(), { length: 48, propagate })(event);
};
