// An admin moves a user's areas to a newer area set through its mapping (shared/areas/move-scope.ts): previewed
// first, then written with the set they are now read in. The user's sessions end, as with any change of access.
import { CURRENT_AREA_SET_ID } from '@shared/areas/bim-son';
import { type MovedScope, moveScope } from '@shared/areas/move-scope';
import { problem } from '../../errors';
import type { AreaSetsRepo } from '../../repo/types';
import { changeUserAccess, type UserAccessDeps } from '../sign-in/user-access';
import { mappingBetween } from './area-sets';
import type { AreaTreeOf } from './area-tree';

export interface MoveAreasRequest {
  /** The user's codes as they are now. */
  areas: string[];
  /** The set they are read in now (default: the installation's own). */
  fromSetId?: string;
  toSetId: string;
}

export type MoveAreasResult = MovedScope & { username: string; fromSetId: string; toSetId: string; dryRun: boolean; moved: boolean };

export interface MoveAreasDeps extends UserAccessDeps {
  areaSets: Pick<AreaSetsRepo, 'get' | 'getMapping'>;
  areaTree: AreaTreeOf;
}

/** The mapped codes (404 for an unknown set, 400 without a mapping); stored unless `dryRun`, 400 when none maps. */
export async function moveUserAreas(username: string, request: MoveAreasRequest, dryRun: boolean, deps: MoveAreasDeps): Promise<MoveAreasResult> {
  const fromSetId = request.fromSetId ?? CURRENT_AREA_SET_ID;
  const { toSetId } = request;
  const links = await mappingBetween(deps.areaSets, toSetId, fromSetId);
  const [oldTree, newTree] = await Promise.all([deps.areaTree(fromSetId), deps.areaTree(toSetId)]);
  const scope = moveScope(request.areas, links, oldTree, newTree);
  const result = { ...scope, username, fromSetId, toSetId, dryRun, moved: false };
  if (dryRun) return result;
  if (scope.areas.length === 0) throw problem.invalidField('areas', 'areaSets.nothing_maps', { to: toSetId });
  await changeUserAccess(username, { areas: scope.areas, ...(toSetId === CURRENT_AREA_SET_ID ? {} : { areaSetId: toSetId }) }, deps);
  return { ...result, moved: true };
}
