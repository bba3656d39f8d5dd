// A round's indicator list as the fold counts it: compiled once against the questionnaire its conditions read.

import type { Definition, Indicator } from '../questionnaire/definition';
import { compileIndicators, type QuestionIdLists, tallyOfAnswers } from '../questionnaire/indicators';
import type { Counter, ResponseImage } from './fold';

export function counterFor(definition: Definition | QuestionIdLists, indicators: readonly Indicator[]): Counter {
  const compiled = compileIndicators(definition, indicators);
  return {
    zero: compiled.zeroTally,
    count: (image: ResponseImage) =>
      tallyOfAnswers(compiled, image as unknown as { household: Record<string, unknown>; members: Record<string, unknown>[] }, image.referenceYear),
  };
}
