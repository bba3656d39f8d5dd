import { describe, expect, it } from 'vitest';
import { formatReport, main } from '../../infra/local/recompute';
import { main as replayMain } from '../../infra/local/replay-dead-letters';

const capture = () => {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
};

describe('npm run recompute', () => {
  it('asks for the DynamoDB Local endpoint that npm start prints when none is given', async () => {
    const out = capture();
    const err = capture();

    expect(await main(['--round', 'cds-2024'], out.write, err.write)).toBe(2);

    expect(err.lines.join('\n')).toContain('Missing --endpoint: the DynamoDB Local endpoint that `npm start` prints');
    expect(out.lines).toEqual([]);
  });

  it('asks for the round', async () => {
    const err = capture();
    expect(await main(['--endpoint', 'http://127.0.0.1:1'], () => {}, err.write)).toBe(2);
    expect(err.lines.join('\n')).toContain('Missing --round <id>.');
  });

  it('prints drift, repairs and what remains as aligned tables', () => {
    const text = formatReport({
      roundId: 'cds-2024',
      checkedWards: 7,
      responses: 10,
      deleted: 1,
      lagging: 2,
      passes: 2,
      drift: [{ areaCode: '14815', areaLevel: 'ward', indicatorId: 'households', field: 'count', stored: 7, true: 2 }],
      repaired: [{ wardCode: '14815', indicatorId: 'households', field: 'count', before: 7, after: 2 }],
      remaining: [],
    });
    expect(text).toBe(
      [
        'Round cds-2024: 7 wards, 10 responses (1 deleted), 2 lagging version(s) folded, 2 pass(es).',
        'Drift found (1):\narea   level  indicator   field  stored  true\n-----  -----  ----------  -----  ------  ----\n14815  ward   households  count  7       2',
        'Repaired (1):\nward   indicator   field  before  after\n-----  ----------  -----  ------  -----\n14815  households  count  7       2',
        'Remaining drift: none. Every ward, district and province aggregate equals the recompute.',
      ].join('\n\n'),
    );
  });
});

describe('replay-dead-letters command line', () => {
  it('asks for a queue or letters', async () => {
    const err = capture();
    expect(await replayMain([], () => {}, err.write)).toBe(2);
    expect(err.lines.join('\n')).toContain('Give --queue-url (AWS) or --letter (local).');
  });

  it('names the missing table variables with --aws', async () => {
    const err = capture();
    const saved = { ...process.env };
    delete process.env.RESPONSES_TABLE;
    try {
      expect(await replayMain(['--aws', '--queue-url', 'https://sqs.example/q'], () => {}, err.write)).toBe(2);
    } finally {
      process.env = saved;
    }
    expect(err.lines.join('\n')).toContain('RESPONSES_TABLE');
  });
});
