// /api/review: what officials (and admins) read to review a ward's responses: the list of a ward (paged, as
// GET /api/responses answers it) and one response. Reviewing itself is POST /api/responses/{id}/review.
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { problem } from '../../errors';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import type { LinkKeySource } from '../../services/links/link-secret';
import { roundReader } from '../../services/rounds/round-scope';
import type { AppContext, AppDeps, AppEnv } from '../context';
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

export function reviewRoutes(deps: AppDeps & { areaTree: AreaTreeOf; linkKey: LinkKeySource }) {
  const { repo, identity, areaTree } = deps;
  const cursors = cursorSigner(deps.linkKey);
  // A ward is read in its round's set: 14812 is Ba Đình in a 2024 round and Phường Bỉm Sơn in a 2026 one.
  const reviews = async (c: AppContext, roundId: string, wardCode: string) =>
    (await roundReader(c.get('user'), roundId, { reference: repo.reference, areaTree, areaSets: repo.areaSets })).mayRead(wardCode);
  return new Hono<AppEnv>()
    .use(requireUser(identity, 'official', 'admin'))
    .get('/responses', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query());
      if (!(await reviews(c, query.roundId, query.wardCode))) throw problem.forbidden('wardCode');
      const scope = ['review', c.get('user').username, query.roundId, query.wardCode, query.villageCode];
      const page = await repo.responses.listByWard({ ...query, cursor: await cursors.open(query.cursor, scope), limit: query.limit ?? 200 });
      const next = await cursors.sign(page.cursor, scope);
      return c.json({ responses: page.items.map(toStoredResponse), ...(next ? { cursor: next } : {}) });
    })
    .get('/responses/:id', async (c) => {
      const item = await repo.responses.get(responseId(c));
      if (!item || item.deletedAt) throw problem.notFound();
      if (!(await reviews(c, item.roundId, item.wardCode))) throw problem.forbidden();
      c.header('ETag', `"${item.version}"`);
      return c.json(toStoredResponse(item));
    });
}
