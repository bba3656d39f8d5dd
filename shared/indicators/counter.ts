// A round's indicator list as the fold counts it: compiled once against the questionnaire its conditions read.
import type { Counter, ResponseImage } from '../aggregation/fold';
import type { Definition, Indicator } from '../questionnaire/definition';
import { compileIndicators, tallyOfAnswers } from '../questionnaire/indicators';

export function counterFor(definition: Definition, indicators: readonly Indicator[]): Counter {
  const compiled = compileIndicators(definition, indicators);
  return {
    zero: compiled.zeroTally,
    count: (image: ResponseImage) =>
      tallyOfAnswers(compiled, image as unknown as { household: Record<string, unknown>; members: Record<string, unknown>[] }, image.referenceYear),
  };
}
