import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Projects by what a test needs: nothing (unit, api, infra), DynamoDB Local (integration), Chromium (browser).
export default defineConfig({
  // Same alias as tsconfig.json's paths; every project extends this config.
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          setupFiles: ['test/support/register-core-messages.ts'],
          include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts', 'test/repo/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
