// OriginVerifyTargets over the AWS SDK v3 that the Lambda Node.js runtime carries. The Lambda and CloudFront
// clients are not dependencies of this repository (nothing else needs them), so they are loaded from the runtime
// by name and typed here by the few fields used; the function is bundled with @aws-sdk/* external.
import type { OriginVerifyTargets } from './origin-verify-propagation';

interface Sdk {
  // biome-ignore lint/suspicious/noExplicitAny: the runtime's client classes and commands, typed by use below
  [name: string]: any;
}

const load = (name: string) => import(name) as Promise<Sdk>;

export async function sdkOriginVerifyTargets(): Promise<OriginVerifyTargets> {
  const lambdaSdk = await load('@aws-sdk/client-lambda');
  const cloudFrontSdk = await load('@aws-sdk/client-cloudfront');
  const lambda = new lambdaSdk.LambdaClient({});
  const cloudFront = new cloudFrontSdk.CloudFrontClient({ region: 'us-east-1' });
  return {
    async functionEnvironment(functionName) {
      const out = await lambda.send(new lambdaSdk.GetFunctionConfigurationCommand({ FunctionName: functionName }));
      return out.Environment?.Variables ?? {};
    },
    async setFunctionEnvironment(functionName, variables) {
      await lambda.send(new lambdaSdk.UpdateFunctionConfigurationCommand({ FunctionName: functionName, Environment: { Variables: variables } }));
      await lambdaSdk.waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 120 }, { FunctionName: functionName });
    },
    async setOriginHeader(distributionId, headerName, value) {
      const { DistributionConfig: config, ETag } = await cloudFront.send(new cloudFrontSdk.GetDistributionConfigCommand({ Id: distributionId }));
      let updated = 0;
      for (const origin of config.Origins?.Items ?? []) {
        for (const header of origin.CustomHeaders?.Items ?? []) {
          if (header.HeaderName.toLowerCase() === headerName.toLowerCase()) {
            header.HeaderValue = value;
            updated += 1;
          }
        }
      }
      if (updated > 0) await cloudFront.send(new cloudFrontSdk.UpdateDistributionCommand({ Id: distributionId, IfMatch: ETag, DistributionConfig: config }));
      return updated;
    },
  };
}
