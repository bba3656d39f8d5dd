// Which questions apply: the one rule set behind the form's hiding and the API's rejecting.
import type { Question } from './form';

/** Age in the round's reference year, the survey's definition of age. */
export function ageInReferenceYear(birthYear: number, referenceYear: number): number {
  return referenceYear - birthYear;
}

/** Whether a member question is asked of a member of this age (undefined age: not yet known). */
export function isAskedOfAge(question: Question, age: number | undefined): boolean {
  const { relevance } = question;
  if (relevance.kind !== 'minAge') return true;
  return age !== undefined && age >= relevance.age;
}

/** Whether a household question is asked given the household's other answers. */
export function isAskedOfHousehold(question: Question, household: Record<string, unknown>): boolean {
  const { relevance } = question;
  if (relevance.kind !== 'when') return true;
  return household[relevance.field] === relevance.equals;
}
