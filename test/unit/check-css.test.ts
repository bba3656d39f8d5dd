import { describe, expect, it } from 'vitest';
import { findCssProblems } from '../lint/check-css';

describe('CSS check', () => {
  it('accepts flat rules and rules inside @media', () => {
    const css = '.a {\n  color: red;\n}\n@media print {\n  .b {\n    color: black;\n  }\n}\n';
    expect(findCssProblems(css, 'good.css')).toEqual([]);
  });

  it('names the file and line of a rule swallowed by a missing closing brace', () => {
    const css = '.a {\n  color: red;\n/* next */\n.b {\n  color: blue;\n}\n}\n';
    expect(findCssProblems(css, 'nested.css')).toEqual([
      { file: 'nested.css', line: 4, message: expect.stringContaining('rule ".b" is nested inside ".a" (line 1)') },
    ]);
  });

  it('reports an unclosed block with its line', () => {
    const css = '.a {\n  color: red;\n}\n.b {\n  color: blue;\n.c {\n  color: green;\n}\n';
    const problems = findCssProblems(css, 'unclosed.css');
    expect(problems).toEqual([{ file: 'unclosed.css', line: 4, message: 'Unclosed block' }]);
  });

  it('reports a stray closing brace', () => {
    const problems = findCssProblems('.a {\n  color: red;\n}\n}\n', 'stray.css');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'stray.css', line: 4 });
  });
});
