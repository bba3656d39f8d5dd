// How a household reaches its form: by its link (`#/s/<token>`), or by the short code printed on its sheet, typed
// at `<app>/s/<code>` (carried over to `#/s/<code>` by the router) or into the entry page's box (`#/s`). And what a new form starts with: the roster's name and
// address of a named link.
import type { SelfForm } from '@shared/api/links';
import type { Definition } from '@shared/questionnaire';
import { normalizeLinkCode } from '@shared/text/link-code';

/** Whether a `#/s/<…>` parameter is a short code to trade for a token (a token always has a dot; a code never). */
export function isShortCode(param: string): boolean {
  return !param.includes('.') && normalizeLinkCode(param) !== undefined;
}

/** The answers a new form starts with: the head's name and the address the link carries, for questions the form has. */
export function prefilledHousehold(link: SelfForm['link'], definition: Definition): Record<string, string> {
  const asked = new Set(definition.household.map((question) => question.id));
  const given: [string, string | undefined][] = [
    ['head_name', link.headName],
    ['address', link.address],
  ];
  return Object.fromEntries(given.filter((entry): entry is [string, string] => Boolean(entry[1]) && asked.has(entry[0])));
}
