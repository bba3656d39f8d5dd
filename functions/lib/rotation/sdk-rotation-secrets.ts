// RotationSecrets over the Secrets Manager SDK client.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { RotationSecrets } from './random-secret-rotation';

export function sdkRotationSecrets(client = new SecretsManagerClient({})): RotationSecrets {
  return {
    async getValue(secretId, { versionId, stage }) {
      const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId, VersionStage: stage }));
      return out.SecretString;
    },
    async putPending(secretId, token, value) {
      await client.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: token, SecretString: value, VersionStages: ['AWSPENDING'] }));
    },
    async stagesOf(secretId) {
      const out = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
      if (out.RotationEnabled === false) throw new Error('rotation is not enabled on the secret');
      return out.VersionIdsToStages ?? {};
    },
    async promote(secretId, token, currentVersionId) {
      await client.send(
        new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: currentVersionId }),
      );
    },
  };
}
