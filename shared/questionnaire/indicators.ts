// What one response contributes to each indicator of a list: household indicators 0/1 in the denominator and
// numerator, person indicators counts over members. Compiled once per list, so the stream fold evaluates
// closures only (100,000 households a second with 30 indicators is the budget; see test/bench/validate.bench.ts).
import { compileCondition, type Predicate, type Scope } from './condition';
import { AGE, BIRTH_YEAR, type Definition, type Indicator } from './definition';

export interface CompiledIndicators {
  indicators: readonly Indicator[];
  /** Per indicator: true when counted over members. */
  perPerson: boolean[];
  population: (Predicate | undefined)[];
  numerator: Predicate[];
  /** `n_<id>` and `d_<id>` per indicator, the counter names of the aggregates. */
  numeratorKeys: string[];
  denominatorKeys: string[];
  zeroTally: Record<string, number>;
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
export function compileIndicators(definition: Definition, indicators: readonly Indicator[]): CompiledIndicators {
  const householdIds = new Set(definition.household.map((q) => q.id));
  const memberIds = new Set(definition.members.questions.map((q) => q.id));
  const locate = (q: string) => (q === AGE ? 'age' : memberIds.has(q) ? 'member' : householdIds.has(q) ? 'household' : undefined) as 'age' | 'member' | 'household' | undefined;
  const numeratorKeys = indicators.map((i) => `n_${i.id}`);
  const denominatorKeys = indicators.map((i) => `d_${i.id}`);
  // One zeroed object in a fixed key order, cloned per tally: V8 keeps such objects in fast mode.
  const zeroTally: Record<string, number> = { households: 0, members: 0 };
  indicators.forEach((_, index) => {
    zeroTally[numeratorKeys[index]] = 0;
    zeroTally[denominatorKeys[index]] = 0;
  });
  return {
    indicators,
    perPerson: indicators.map((i) => i.unit === 'person'),
    population: indicators.map((i) => i.population && compileCondition(i.population, locate)),
    numerator: indicators.map((i) => compileCondition(i.numerator, locate)),
    numeratorKeys,
    denominatorKeys,
    zeroTally,
  };
}

/** A response's contribution to each indicator. Members without a usable birth year have no age (empty). */
export function contributionsOf(compiled: CompiledIndicators, answers: SurveyResponseAnswers, referenceYear: number): Contributions {
  const count = compiled.indicators.length;
  const numerators = new Array<number>(count).fill(0);
  const denominators = new Array<number>(count).fill(0);
  const household = answers.household;
  const householdScope: Scope = { household };
  const memberScopes: Scope[] = answers.members.map((member) => {
    const birthYear = member[BIRTH_YEAR];
    return { household, member, age: typeof birthYear === 'number' ? referenceYear - birthYear : undefined };
  });
  for (let i = 0; i < count; i += 1) {
    const population = compiled.population[i];
    const numerator = compiled.numerator[i];
    if (!compiled.perPerson[i]) {
      if (population && !population(householdScope)) continue;
      denominators[i] = 1;
      if (numerator(householdScope)) numerators[i] = 1;
      continue;
    }
    let n = 0;
    let d = 0;
    for (const scope of memberScopes) {
      if (population && !population(scope)) continue;
      d += 1;
      if (numerator(scope)) n += 1;
    }
    numerators[i] = n;
    denominators[i] = d;
  }
  return { numerators, denominators };
}

/** The contribution as aggregate counters: `households`, `members`, `n_<id>`, `d_<id>` (as shared/indicators/tally.ts). */
export function tallyOfAnswers(compiled: CompiledIndicators, answers: SurveyResponseAnswers, referenceYear: number): Record<string, number> {
  const { numerators, denominators } = contributionsOf(compiled, answers, referenceYear);
  const tally = { ...compiled.zeroTally };
  tally.households = 1;
  tally.members = answers.members.length;
  for (let i = 0; i < numerators.length; i += 1) {
    tally[compiled.numeratorKeys[i]] = numerators[i];
    tally[compiled.denominatorKeys[i]] = denominators[i];
  }
  return tally;
}
