// The links page's household list: one household per line, "Head name" or "Code; Head name".
import type { NamedHousehold } from '../../../shared/api/links';

export function parseNamedHouseholds(text: string): NamedHousehold[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(';');
      if (at < 0) return { headName: line };
      const householdCode = line.slice(0, at).trim();
      const headName = line.slice(at + 1).trim();
      return householdCode ? { headName, householdCode } : { headName };
    });
}
