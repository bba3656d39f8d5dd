// Lint step for the project's plain CSS: no nesting and balanced braces. A lost `}` once nested the outbox and
// badge styles inside another rule, and browsers ignored them silently; this makes that a failing `npm run lint`.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import postcss, { CssSyntaxError, type Root } from 'postcss';

export interface CssProblem {
  file: string;
  line: number;
  message: string;
}

/** Problems in one stylesheet: a syntax error (unclosed block, stray `}`) or any rule nested in another rule. */
export function findCssProblems(source: string, file: string): CssProblem[] {
  let root: Root;
  try {
    root = postcss.parse(source, { from: file });
  } catch (error) {
    if (error instanceof CssSyntaxError) return [{ file, line: error.line ?? 0, message: error.reason }];
    throw error;
  }
  const problems: CssProblem[] = [];
  root.walk((node) => {
    if ((node.type === 'rule' || node.type === 'atrule') && node.parent?.type === 'rule') {
      const outer = node.parent;
      const what = node.type === 'rule' ? `rule "${node.selector}"` : `@${node.name}`;
      problems.push({
        file,
        line: node.source?.start?.line ?? 0,
        message: `${what} is nested inside "${outer.selector}" (line ${outer.source?.start?.line}): a missing "}"?`,
      });
    }
  });
  return problems;
}

/** The tracked plain CSS files (git knows them; generated output is not tracked). */
function trackedCssFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.css'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : trackedCssFiles();
  const problems = files.flatMap((file) => findCssProblems(readFileSync(file, 'utf8'), file));
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (problems.length > 0) process.exit(1);
  console.log(`CSS check: ${files.length} files, no nesting, braces balanced.`);
}
