// Lambda entry: Secrets Manager rotation of the link-signing key. Nothing to propagate: the API reads the
// secret's AWSCURRENT and AWSPREVIOUS versions and verifies links of either (link-secret.ts, link-token.ts).
import { randomSecretRotation } from './lib/rotation/random-secret-rotation';
import { sdkRotationSecrets } from './lib/rotation/sdk-rotation-secrets';

export const handler = randomSecretRotation(sdkRotationSecrets(), { length: 64 });
