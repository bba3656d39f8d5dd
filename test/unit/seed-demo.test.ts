// The demo seeder: its households are valid survey answers, and it fills a running app through the API.

import { validateResponseBody } from '@shared/survey/validate';
import { describe, expect, it } from 'vitest';
import { demoHousehold, seededRandom } from '../../infra/local/demo/demo-households';
import { main, seedDemo } from '../../infra/local/seed-demo';
import { createTestApp, TEST_PASSWORD } from '../support/test-app';

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };

describe('demo households', () => {
  it('are valid answers for every leaning, with ages and relevance respected', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const body = demoHousehold(random, TARGET, 2024, i / 499);
      const result = validateResponseBody(body, 2024);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
  });

  it('are the same for the same seed', () => {
    expect(demoHousehold(seededRandom(3), TARGET, 2024, 0.5)).toEqual(demoHousehold(seededRandom(3), TARGET, 2024, 0.5));
  });
});

describe('seedDemo', () => {
  it('sends the households through the API as each ward’s collector, and they count in the aggregates', async () => {
    const test = await createTestApp();
    const fetchViaApp = ((url: string, init?: RequestInit) => test.app.request(url, init)) as typeof fetch;
    const results = await seedDemo({
      baseUrl: 'http://test.local',
      households: 6,
      seed: 1,
      wards: ['14815', '14809'],
      fetch: fetchViaApp,
      password: TEST_PASSWORD,
      now: test.clock.now,
    });
    expect([...results].sort((a, b) => a.ward.localeCompare(b.ward))).toEqual([
      { ward: '14809', sent: 6, refused: 0 },
      { ward: '14815', sent: 6, refused: 0 },
    ]);
    await test.foldPending();
    const token = await test.tokenFor('official');
    const response = await test.app.request('/api/aggregates?roundId=cds-2024&level=ward', { headers: { authorization: `Bearer ${token}` } });
    const { areas } = (await response.json()) as { areas: { code: string; households: { surveyed: number } }[] };
    expect(
      areas
        .filter((a) => a.households.surveyed > 0)
        .map((a) => [a.code, a.households.surveyed])
        .sort(),
    ).toEqual([
      ['14809', 6],
      ['14815', 6],
    ]);
  });

  it('says how to start the app when nothing answers, with exit code 2', async () => {
    const errors: string[] = [];
    const code = await main(
      ['--url', 'http://127.0.0.1:9', '--households', '1'],
      () => {},
      (text) => errors.push(text),
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/npm start/);
  });

  it('refuses a bad --households with exit code 2', async () => {
    const errors: string[] = [];
    expect(
      await main(
        ['--households', 'many'],
        () => {},
        (text) => errors.push(text),
      ),
    ).toBe(2);
    expect(errors.join('\n')).toMatch(/--households/);
  });
});
