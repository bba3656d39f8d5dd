// The export Lambda's dependencies: only the tables it is granted.
import { describe, expect, it } from 'vitest';
import { exportDepsFromEnv } from '../../functions/lib/app/export-deps';

const ENV = { RESPONSES_TABLE: 'r', REFERENCE_TABLE: 'f', COGNITO_USER_POOL_ID: 'p', COGNITO_CLIENT_ID: 'c', AWS_REGION: 'ap-southeast-1' };

describe('exportDepsFromEnv', () => {
  it('starts without an Aggregates table: it holds only the stores it reads', async () => {
    const deps = exportDepsFromEnv(ENV);
    expect(deps.repo.responses).toBeDefined();
    expect(Object.keys(deps.repo).sort()).toEqual(['reference', 'responses']);
  });

  it('still requires the tables it reads, by name', () => {
    const { RESPONSES_TABLE: _, ...withoutResponses } = ENV;
    expect(() => exportDepsFromEnv(withoutResponses)).toThrow('Missing configuration: RESPONSES_TABLE');
  });
});
