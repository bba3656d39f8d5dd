// /api/review: what officials (and admins) read to review a ward's responses: the list of a ward (paged, as
// GET /api/responses answers it) and one response. Reviewing itself is POST /api/responses/{id}/review.
import type { AreaTree } from '@shared/areas/areas';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { canReviewWard } from '../../access/scope';
import { problem } from '../../errors';
import type { LinkKeySource } from '../../services/links/link-secret';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, responseId } from '../request';
import { cursorSigner, MAX_CURSOR_LENGTH } from '../signed-cursor';
import { toStoredResponse } from '../stored-response';

const ListQuerySchema = z.strictObject({
  roundId: codeId(64),
  wardCode: codeId(32),
  villageCode: z.optional(codeId(64)),
  cursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});

export function reviewRoutes(deps: AppDeps & { areaTree: () => Promise<AreaTree>; linkKey: LinkKeySource }) {
  const { repo, identity, areaTree } = deps;
  const cursors = cursorSigner(deps.linkKey);
  return new Hono<AppEnv>()
    .use(requireUser(identity, 'official', 'admin'))
    .get('/responses', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query());
      if (!canReviewWard(c.get('user'), query.wardCode, await areaTree())) throw problem.forbidden('wardCode');
      const scope = ['review', c.get('user').username, query.roundId, query.wardCode, query.villageCode];
      const page = await repo.responses.listByWard({ ...query, cursor: await cursors.open(query.cursor, scope), limit: query.limit ?? 200 });
      const next = await cursors.sign(page.cursor, scope);
      return c.json({ responses: page.items.map(toStoredResponse), ...(next ? { cursor: next } : {}) });
    })
    .get('/responses/:id', async (c) => {
      const item = await repo.responses.get(responseId(c));
      if (!item || item.deletedAt) throw problem.notFound();
      if (!canReviewWard(c.get('user'), item.wardCode, await areaTree())) throw problem.forbidden();
      c.header('ETag', `"${item.version}"`);
      return c.json(toStoredResponse(item));
    });
}
