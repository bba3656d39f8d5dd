// Every message key the code names exists in Vietnamese and English in one of the message tables.
// `translate` shows an unknown key as itself, so a typo or a table that lacks it would otherwise reach users
// as raw text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_SETS_MESSAGES } from '@shared/i18n/area-sets';
import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { HOUSEHOLD_FORM_MESSAGES } from '@shared/i18n/household-form';
import { OFFICIALS_MESSAGES } from '@shared/i18n/officials';
import { SELF_REPORT_MESSAGES } from '@shared/i18n/self-report';
import { SIGN_IN_MESSAGES } from '@shared/i18n/sign-in';
import { describe, expect, it } from 'vitest';

const TABLES = [CORE_MESSAGES, OFFICIALS_MESSAGES, SELF_REPORT_MESSAGES, AREA_SETS_MESSAGES, HOUSEHOLD_FORM_MESSAGES, SIGN_IN_MESSAGES];
const DICTIONARY = { vi: Object.assign({}, ...TABLES.map((t) => t.vi)), en: Object.assign({}, ...TABLES.map((t) => t.en)) };

const ROOT = new URL('../../', import.meta.url).pathname;
const KEY_LITERAL = /['"`]((?:ui|error|validation|export|roster)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)['"`]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const namedKeys = new Map<string, string>();
for (const file of ['web/src', 'functions', 'shared'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
  if (file.includes('/shared/i18n/')) continue;
  for (const match of readFileSync(file, 'utf8').matchAll(KEY_LITERAL)) namedKeys.set(match[1]!, file.slice(ROOT.length));
}

describe('message keys named in the code', () => {
  it('finds the keys (the scan itself works)', () => {
    expect(namedKeys.size).toBeGreaterThan(100);
    expect(namedKeys.has('ui.links.create')).toBe(true);
  });

  it.each(['vi', 'en'] as const)('all have a %s message', (lang) => {
    const missing = [...namedKeys].filter(([key]) => !(key in DICTIONARY[lang])).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
