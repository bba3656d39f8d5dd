// Every questionnaire./xlsform. key the engine names has a Vietnamese and an English message.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../shared/questionnaire/check-definition';
import { HOUSEHOLD_DX_V1 } from '../../shared/questionnaire/household-dx-v1';
import { QUESTIONNAIRE_MESSAGES } from '../../shared/questionnaire/messages';

const DIR = new URL('../../shared/questionnaire/', import.meta.url).pathname;
const named = new Set(
  readdirSync(DIR)
    .filter((file) => file !== 'messages.ts')
    .flatMap((file) => [...readFileSync(DIR + file, 'utf8').matchAll(/'((?:questionnaire|xlsform)\.[a-z_]+)'/g)].map((m) => m[1])),
);

describe('questionnaire messages', () => {
  it('has vi and en for every key the engine names, and no others', () => {
    expect(named.size).toBeGreaterThan(40);
    expect(Object.keys(QUESTIONNAIRE_MESSAGES.vi).sort()).toEqual([...named].sort());
    expect(Object.keys(QUESTIONNAIRE_MESSAGES.en).sort()).toEqual([...named].sort());
  });

  it('reports a comparison with two operators by its own key', () => {
    const def = structuredClone(HOUSEHOLD_DX_V1);
    (def.household[7] as { relevant: unknown }).relevant = { all: [{ q: 'business_household', eq: true, ne: false }] };
    const result = checkDefinition(def);
    expect(result.ok ? [] : result.issues.map((i) => i.key)).toEqual(['questionnaire.condition_one_operator']);
  });
});
