// An indicator's name in a language: from the list the figures were counted with, else the built-in catalogue
// (figures of rounds older than indicator lists as data), else its id.
import type { Indicator, Lang } from '../questionnaire/definition';
import { indicatorById } from './catalogue';

export function indicatorName(id: string, lang: Lang, list?: readonly Pick<Indicator, 'id' | 'label'>[]): string {
  const listed = list?.find((indicator) => indicator.id === id);
  if (listed) return listed.label[lang];
  return indicatorById(id)?.[lang] ?? id;
}
