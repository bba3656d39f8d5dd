// /api/responses: collectors (and admins) create, read, list, edit and delete household responses; officials
// (and admins) review those of their wards (they read them through /api/review).

import type { AreaTree } from '@shared/areas/areas';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { assertRole } from '../../access/roles';
import { canWorkInWard } from '../../access/scope';
import { problem } from '../../errors';
import type { LinkKeySource } from '../../services/links/link-secret';
import { deleteResponse } from '../../services/responses/delete-response';
import { putResponse, userActor } from '../../services/responses/put-response';
import { reviewResponse } from '../../services/responses/review-response';
import { roundTree } from '../../services/rounds/round-tree';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { correctionReason, ifMatchVersion, parseOrThrow, readJson, responseId } from '../request';
import { cursorSigner, MAX_CURSOR_LENGTH } from '../signed-cursor';
import { toStoredResponse } from '../stored-response';

const ListQuerySchema = z.strictObject({
  roundId: codeId(64),
  wardCode: codeId(32),
  villageCode: z.optional(codeId(64)),
  cursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});

export function responseRoutes(
  deps: AppDeps & { areaTree: (areaSetId?: string) => Promise<AreaTree>; linkKey: LinkKeySource; definitions: PublishedDefinitions },
) {
  const { repo, identity, clock, areaTree, definitions } = deps;
  const cursors = cursorSigner(deps.linkKey);
  // A response's ward is read in its round's area set.
  const treeOf = (roundId: string) => roundTree(roundId, { reference: repo.reference, areaTree });
  const readable = async (c: AppContext, id: string) => {
    const item = await repo.responses.get(id);
    if (!item || item.deletedAt) throw problem.notFound();
    if (!canWorkInWard(c.get('user'), item.wardCode, await treeOf(item.roundId))) throw problem.forbidden();
    return item;
  };
  // Officials pass the sign-in check for the review action only.
  const worker = (c: AppContext) => assertRole(c.get('user'), ['collector', 'admin']);

  return new Hono<AppEnv>()
    .use(requireUser(identity, 'collector', 'admin', 'official'))
    .post('/:id/review', async (c) => {
      const id = responseId(c);
      const ifMatch = ifMatchVersion(c);
      const result = await reviewResponse(
        { id, body: await readJson(c), ifMatch, user: c.get('user') },
        { responses: repo.responses, reference: repo.reference, areaTree, areaSets: repo.areaSets, clock },
      );
      c.header('ETag', `"${result.version}"`);
      return c.json(result);
    })
    .put('/:id', async (c) => {
      worker(c);
      const id = responseId(c);
      const ifMatch = ifMatchVersion(c);
      const body = await readJson(c);
      const result = await putResponse(
        { id, body, ifMatch, actor: userActor(c.get('user')), channel: 'collector', reason: correctionReason(c) },
        { responses: repo.responses, reference: repo.reference, areaTree, clock, definitions },
      );
      c.header('ETag', `"${result.version}"`);
      return c.json({ id: result.id, version: result.version }, result.created ? 201 : 200);
    })
    .get('/:id', async (c) => {
      worker(c);
      const item = await readable(c, responseId(c));
      c.header('ETag', `"${item.version}"`);
      return c.json(toStoredResponse(item));
    })
    .get('/', async (c) => {
      worker(c);
      const query = parseOrThrow(ListQuerySchema, c.req.query());
      if (!canWorkInWard(c.get('user'), query.wardCode, await treeOf(query.roundId))) throw problem.forbidden('wardCode');
      const scope = [c.get('user').username, query.roundId, query.wardCode, query.villageCode];
      const cursor = await cursors.open(query.cursor, scope);
      const page = await repo.responses.listByWard({ ...query, cursor, limit: query.limit ?? 50 });
      const next = await cursors.sign(page.cursor, scope);
      return c.json({ responses: page.items.map(toStoredResponse), ...(next ? { cursor: next } : {}) });
    })
    .delete('/:id', async (c) => {
      worker(c);
      await deleteResponse(
        { id: responseId(c), ifMatch: ifMatchVersion(c), user: c.get('user'), reason: correctionReason(c) },
        { responses: repo.responses, reference: repo.reference, areaTree, clock },
      );
      return c.body(null, 204);
    });
}
