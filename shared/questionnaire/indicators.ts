// What one response contributes to each indicator of a list: household indicators 0/1 in the denominator and
// numerator, person indicators counts over members. Compiled once per list, so the stream fold only copies the
// answers its conditions read into slot rows and runs closures (budget: 100,000 households a second with 30
// indicators; see test/bench/validate.bench.ts).
import { referencesOf } from './condition';
import { AGE, BIRTH_YEAR, type Definition, type Indicator } from './definition';
import { compileRowCondition, type RowPredicate } from './row-condition';

export interface CompiledIndicators {
  indicators: readonly Indicator[];
  /** Per indicator: true when counted over members. */
  perPerson: boolean[];
  population: (RowPredicate | undefined)[];
  numerator: RowPredicate[];
  /** The ids the conditions read, by slot; where each is answered. */
  slots: { id: string; place: 'household' | 'member' | 'age' }[];
  /** `n_<id>` and `d_<id>` per indicator, the counter names of the aggregates. */
  numeratorKeys: string[];
  denominatorKeys: string[];
  zeroTally: Record<string, number>;
  scratch: Contributions;
  /** Scratch slot rows of the household and its members, grown as households need more. */
  rows: unknown[][];
}

/** Where a definition's questions are asked, by id: all that compiling a list needs of it. */
export interface QuestionIdLists {
  household: readonly string[];
  members: readonly string[];
}

export interface SurveyResponseAnswers {
  household: Record<string, unknown>;
  members: Record<string, unknown>[];
}

/** Numerator and denominator per indicator, in the list's order. */
export interface Contributions {
  numerators: number[];
  denominators: number[];
}

/** Compiles an indicator list against the definition its conditions read (question ids and `age`). */
export function compileIndicators(definition: Definition | QuestionIdLists, indicators: readonly Indicator[]): CompiledIndicators {
  const { household, members } =
    'id' in definition ? { household: definition.household.map((q) => q.id), members: definition.members.questions.map((q) => q.id) } : definition;
  const householdIds = new Set(household);
  const memberIds = new Set(members);
  const slots: CompiledIndicators['slots'] = [];
  for (const indicator of indicators) {
    for (const id of [...referencesOf(indicator.population), ...referencesOf(indicator.numerator)]) {
      const place = id === AGE ? 'age' : memberIds.has(id) ? 'member' : householdIds.has(id) ? 'household' : undefined;
      if (place && !slots.some((s) => s.id === id)) slots.push({ id, place });
    }
  }
  const slotOf = (id: string) => {
    const index = slots.findIndex((s) => s.id === id);
    return index < 0 ? undefined : index;
  };
  const numeratorKeys = indicators.map((i) => `n_${i.id}`);
  const denominatorKeys = indicators.map((i) => `d_${i.id}`);
  // One zeroed object in a fixed key order, cloned per tally. Made by Object.fromEntries: keys added one by one
  // put it in V8's dictionary mode, and every clone with it (a tally then cost ten times as much).
  const zeroTally: Record<string, number> = Object.fromEntries(
    ['households', 'members', ...indicators.flatMap((_, i) => [numeratorKeys[i], denominatorKeys[i]])].map((key) => [key, 0]),
  );
  return {
    indicators,
    perPerson: indicators.map((i) => i.unit === 'person'),
    population: indicators.map((i) => i.population && compileRowCondition(i.population, slotOf)),
    numerator: indicators.map((i) => compileRowCondition(i.numerator, slotOf)),
    slots,
    numeratorKeys,
    denominatorKeys,
    zeroTally,
    scratch: { numerators: indicators.map(() => 0), denominators: indicators.map(() => 0) },
    rows: [],
  };
}

/** Fills the contribution into the two arrays (length = number of indicators); the fold reuses them. */
export function contributeInto(
  compiled: CompiledIndicators,
  answers: SurveyResponseAnswers,
  referenceYear: number,
  numerators: number[],
  denominators: number[],
): void {
  const { slots, perPerson, population, numerator, rows } = compiled;
  const household = answers.household;
  const members = answers.members;
  // Rows are reused from call to call (the fold is synchronous): a household's worth of arrays per response
  // was a good part of the fold's garbage. Row 0 is the household's, row 1 + m member m's.
  while (rows.length < members.length + 1) rows.push(new Array(slots.length).fill(undefined));
  const householdRow = rows[0];
  for (let k = 0; k < slots.length; k += 1) householdRow[k] = slots[k].place === 'household' ? household[slots[k].id] : undefined;
  // Members without a usable birth year have no age: an empty answer, so age conditions are false.
  for (let m = 0; m < members.length; m += 1) {
    const member = members[m];
    const row = rows[m + 1];
    const birthYear = member[BIRTH_YEAR];
    for (let k = 0; k < slots.length; k += 1) {
      const slot = slots[k];
      if (slot.place === 'member') row[k] = member[slot.id];
      else if (slot.place === 'age') row[k] = typeof birthYear === 'number' ? referenceYear - birthYear : undefined;
      else row[k] = householdRow[k];
    }
  }
  for (let i = 0; i < perPerson.length; i += 1) {
    const inPopulation = population[i];
    const counts = numerator[i];
    let n = 0;
    let d = 0;
    if (!perPerson[i]) {
      if (!inPopulation || inPopulation(householdRow)) {
        d = 1;
        if (counts(householdRow)) n = 1;
      }
    } else {
      for (let m = 1; m <= members.length; m += 1) {
        const row = rows[m];
        if (inPopulation && !inPopulation(row)) continue;
        d += 1;
        if (counts(row)) n += 1;
      }
    }
    numerators[i] = n;
    denominators[i] = d;
  }
}

/** A response's contribution to each indicator. */
export function contributionsOf(compiled: CompiledIndicators, answers: SurveyResponseAnswers, referenceYear: number): Contributions {
  const numerators = new Array<number>(compiled.indicators.length).fill(0);
  const denominators = new Array<number>(compiled.indicators.length).fill(0);
  contributeInto(compiled, answers, referenceYear, numerators, denominators);
  return { numerators, denominators };
}

/** The contribution as aggregate counters: `households`, `members`, `n_<id>`, `d_<id>` (as shared/indicators/tally.ts). */
export function tallyOfAnswers(compiled: CompiledIndicators, answers: SurveyResponseAnswers, referenceYear: number): Record<string, number> {
  // Scratch arrays kept on the compiled list: the fold is synchronous, so one pair serves every call.
  const { numerators, denominators } = compiled.scratch;
  contributeInto(compiled, answers, referenceYear, numerators, denominators);
  const tally = { ...compiled.zeroTally };
  tally.households = 1;
  tally.members = answers.members.length;
  for (let i = 0; i < numerators.length; i += 1) {
    tally[compiled.numeratorKeys[i]] = numerators[i];
    tally[compiled.denominatorKeys[i]] = denominators[i];
  }
  return tally;
}
