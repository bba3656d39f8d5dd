// The admins' call for a user's areas (docs/area-sets.md): moving them to a newer area set through its mapping,
// previewed first (the sets themselves: listAreaSets in admin-api.ts).
import * as z from 'zod/mini';
import { api } from '../platform/api';

const MovedAreasSchema = z.object({
  username: z.string(),
  fromSetId: z.string(),
  toSetId: z.string(),
  codes: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  areas: z.array(z.string()),
  unmapped: z.array(z.string()),
  dryRun: z.boolean(),
  moved: z.boolean(),
});
export type MovedAreas = z.infer<typeof MovedAreasSchema>;

/** The user's codes mapped to `toSetId`; stored (and the user signed out) unless `preview`. */
export async function moveUserAreas(
  username: string,
  request: { areas: string[]; toSetId: string; fromSetId?: string },
  preview: boolean,
): Promise<MovedAreas> {
  const path = `/api/users/${encodeURIComponent(username)}/areas/move${preview ? '?dryRun=1' : ''}`;
  return api.json(MovedAreasSchema, await api.request('POST', path, { body: request }));
}
