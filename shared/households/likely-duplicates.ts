// Households recorded twice without a roster code: pairs that look like the same household (same village, same
// head's name without diacritics and case, and a similar address or the same phone), for a reviewer to merge or
// keep. Never merged here: this only lists. Pure.
import { foldName } from '../text/fold-name';

export interface DuplicateCandidate {
  id: string;
  villageCode: string;
  householdCode?: string;
  headName: string;
  address?: string;
  phone?: string;
}

export interface DuplicatePair {
  /** The two response ids, the smaller first (a pair's stable key). */
  a: string;
  b: string;
  villageCode: string;
  /** What made them look alike. */
  why: Array<'name' | 'address' | 'phone'>;
}

/** The key of a pair, whatever the order its ids come in. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}#${y}` : `${y}#${x}`;
}

function digits(phone: string | undefined): string {
  return (phone ?? '').replace(/\D/g, '').replace(/^84/, '0');
}

/** Words of an address, folded, without the usual filler ("số", "thôn"…) and punctuation. */
function addressWords(address: string | undefined): Set<string> {
  const filler = new Set(['so', 'thon', 'xom', 'to', 'khu', 'pho', 'ngo', 'duong', 'ap', 'ban']);
  return new Set(
    foldName((address ?? '').replace(/[.,;/\\-]/g, ' '))
      .split(' ')
      .filter((word) => word && !filler.has(word)),
  );
}

/** Two addresses are similar when most of the shorter one's words are in the other. */
export function similarAddress(x: string | undefined, y: string | undefined): boolean {
  const a = addressWords(x);
  const b = addressWords(y);
  if (a.size === 0 || b.size === 0) return false;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared / small.size >= 0.6;
}

/**
 * Likely duplicate pairs among households without a roster code (a roster code is counted once already);
 * `kept` holds the pair keys a reviewer marked as two households.
 */
export function likelyDuplicates(households: readonly DuplicateCandidate[], kept: ReadonlySet<string> = new Set()): DuplicatePair[] {
  const groups = new Map<string, DuplicateCandidate[]>();
  for (const household of households) {
    if (household.householdCode) continue;
    const name = foldName(household.headName);
    if (!name) continue;
    const key = `${household.villageCode}#${name}`;
    groups.set(key, [...(groups.get(key) ?? []), household]);
  }
  const pairs: DuplicatePair[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [x, y] = [group[i], group[j]];
        const why: DuplicatePair['why'] = ['name'];
        if (similarAddress(x.address, y.address)) why.push('address');
        const phone = digits(x.phone);
        if (phone.length >= 9 && phone === digits(y.phone)) why.push('phone');
        if (why.length === 1) continue;
        const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
        if (kept.has(pairKey(a, b))) continue;
        pairs.push({ a, b, villageCode: x.villageCode, why });
      }
    }
  }
  return pairs.sort((p, q) => p.villageCode.localeCompare(q.villageCode) || p.a.localeCompare(q.a));
}
