// The Lambdas' dependencies from the environment: only the tables each is granted, and what must be configured.
import { describe, expect, it } from 'vitest';
import { apiDepsFromEnv } from '../../functions/lib/app/api-deps';
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

describe('apiDepsFromEnv', () => {
  const API_ENV = {
    ...ENV,
    AGGREGATES_TABLE: 'a',
    LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:link',
    ORIGIN_VERIFY: 'o'.repeat(48),
    PUBLIC_URL: 'https://phieu.example.vn',
  };

  it('takes the public URL of link URLs from PUBLIC_URL', () => {
    expect(apiDepsFromEnv(API_ENV).publicUrl).toBe('https://phieu.example.vn');
  });

  it('fails at start, naming PUBLIC_URL, when it is missing or not an http(s) URL (never falling back to request headers)', () => {
    const { PUBLIC_URL: _, ...withoutUrl } = API_ENV;
    expect(() => apiDepsFromEnv(withoutUrl)).toThrow('Missing configuration: PUBLIC_URL');
    expect(() => apiDepsFromEnv({ ...API_ENV, PUBLIC_URL: 'ftp://phieu.example.vn' })).toThrow('Invalid configuration: PUBLIC_URL');
  });
});
