// Every relative link in the prose docs resolves: the file exists and, for a link into a markdown file, the
// #anchor names one of its headings (GitHub's slugs). External links are not checked (no network in tests).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const docs = [
  'README.md',
  'infra/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown without fenced code blocks and inline code, where link syntax is only an example. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  // Inline code in headings is removed by prose(); keep those headings' anchors too.
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)) {
    result.add(
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return result;
}

function relativeLinks(markdown: string): string[] {
  const links = [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const references = [...prose(markdown).matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]);
  return [...links, ...references].filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link));
}

/** Why `link` in `file` does not resolve, or undefined when it does. */
function deadLink(file: string, link: string): string | undefined {
  const [path, anchor] = link.split('#') as [string, string | undefined];
  const target = path ? join(dirname(join(root, file)), decodeURIComponent(path)) : join(root, file);
  if (!existsSync(target)) return `${file}: ${link} (no ${relative(root, target)})`;
  if (anchor && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) {
    return `${file}: ${link} (no heading #${anchor} in ${relative(root, target)})`;
  }
  return undefined;
}

describe('docs links', () => {
  it.each(docs)('every relative link in %s resolves', (file) => {
    const dead = relativeLinks(readFileSync(join(root, file), 'utf8'))
      .map((link) => deadLink(file, link))
      .filter(Boolean);
    expect(dead).toEqual([]);
  });
});
