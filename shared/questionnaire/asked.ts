// Which questions are asked, given the answers so far: what the web form shows and hides, by the same compiled
// relevance the validator uses to require and to refuse answers.
import { compileDefinition } from './compile';
import { BIRTH_YEAR, type Definition } from './definition';
import type { SurveyAnswers } from './validate-answers';

export interface Asked {
  household: Set<string>;
  /** Per member, in order. A member without a birth year is not asked the questions that depend on age. */
  members: Set<string>[];
}

/** The ids of the questions asked of this household and of each member, in the round's reference year. */
export function askedQuestions(definition: Definition, answers: SurveyAnswers, referenceYear: number): Asked {
  const compiled = compileDefinition(definition);
  const household = answers.household;
  const asked = (questions: typeof compiled.household, scope: Parameters<NonNullable<(typeof compiled.household)[number]['relevant']>>[0]) =>
    new Set(questions.filter((q) => !q.relevant || q.relevant(scope)).map((q) => q.id));
  return {
    household: asked(compiled.household, { household }),
    members: answers.members.map((member) => {
      const birthYear = member[BIRTH_YEAR];
      return asked(compiled.members, { household, member, age: typeof birthYear === 'number' ? referenceYear - birthYear : undefined });
    }),
  };
}
