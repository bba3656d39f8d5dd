// One JSON text per value whatever the key order: the server hashes it to recognise a replayed upload, and
// the phone compares with it to recognise its own upload. Both must write exactly the same text, so there
// is only this one. Object keys are sorted and undefined values left out (as JSON.stringify does);
// arrays keep their order (members are a list, their order is an answer).
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
