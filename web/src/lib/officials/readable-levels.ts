// The total rows a user may read, decided before asking: an official of one ward must not poll the town or the
// province every few seconds only to be told 403 each time (the server's rule: an area within one of the user's).
import type { AggregateLevel, User } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';

const TOTALS = ['district', 'province'] as const satisfies readonly AggregateLevel[];
const RANK: Record<string, number> = { ward: 0, district: 1, province: 2 };

/** The total levels (town, province) some area of which lies within the user's areas. */
export function readableTotals(user: Pick<User, 'role' | 'areas'> | undefined, areas: readonly Area[]): AggregateLevel[] {
  if (!user) return [];
  if (user.role === 'admin') return [...TOTALS];
  const ranks = user.areas.map((code) => RANK[areas.find((area) => area.code === code)?.level ?? ''] ?? -1);
  return TOTALS.filter((level) => ranks.some((rank) => rank >= RANK[level]));
}
