// /api/links: collectors (and admins) make self-report links for a village of their ward, list them with their
// state (unused, used, revoked), and revoke them. Revoking keeps the response; deleting it is a separate act.

import { CreateLinksRequestSchema, DEFAULT_LINKS_PAGE, MAX_LINKS_PAGE } from '@shared/api/links';
import { codeId } from '@shared/text/safe-text';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { assertVillageOfWard, canWorkInWard } from '../../access/scope';
import { problem } from '../../errors';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { createLinks } from '../../services/links/create-links';
import { pageOfLinks } from '../../services/links/link-pages';
import type { LinkKeySource } from '../../services/links/link-secret';
import { selfResponseId } from '../../services/links/link-token';
import { resolveLink, responsesOfVillage, toLink } from '../../services/links/links-service';
import { roundTree } from '../../services/rounds/round-tree';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';
import { cursorSigner, MAX_CURSOR_LENGTH } from '../signed-cursor';

const ListQuerySchema = z.strictObject({
  roundId: codeId(64),
  wardCode: codeId(32),
  villageCode: codeId(64),
  cursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_LINKS_PAGE))),
});

type LinkRouteDeps = AppDeps & { areaTree: AreaTreeOf; linkKey: LinkKeySource };

export function linkRoutes(deps: LinkRouteDeps) {
  const { repo, identity, clock, areaTree, linkKey } = deps;
  // Link URLs come from configuration only: never from Host, X-Forwarded-Host or Origin, which a caller chooses.
  const base = deps.publicUrl.replace(/\/+$/, '');
  const cursors = cursorSigner(linkKey);

  /** The round's tree: its wards and villages are codes of the set it pins. */
  const treeOf = (roundId: string) => roundTree(roundId, { reference: repo.reference, areaTree });
  /** The ward exists in the round's set, the village is in it, and the user works there. */
  const checkVillage = async (c: AppContext, roundId: string, wardCode: string, villageCode: string) =>
    assertVillageOfWard(await treeOf(roundId), c.get('user'), wardCode, villageCode);

  return new Hono<AppEnv>()
    .use(requireUser(identity, 'collector', 'admin'))
    .post('/', async (c) => {
      const request = parseOrThrow(CreateLinksRequestSchema, await readJson(c));
      const records = await createLinks(request, c.get('user'), {
        reference: repo.reference,
        roster: repo.roster,
        links: repo.links,
        areaTree,
        clock,
        linkKeys: await linkKey(),
        maxActiveLinks: deps.maxActiveLinksPerVillage,
      });
      const key = await linkKey();
      return c.json({ links: records.map((record) => toLink(record, key, base, undefined)) }, 201);
    })
    .get('/', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query());
      await checkVillage(c, query.roundId, query.wardCode, query.villageCode);
      // A cursor opens only for the very query (and user) it was made for.
      const scope = ['links', c.get('user').username, query.roundId, query.wardCode, query.villageCode];
      const after = await cursors.open(query.cursor, scope);
      const [records, responses, key] = await Promise.all([
        repo.links.listLinks(query.roundId, query.villageCode),
        responsesOfVillage(repo.responses, query.roundId, query.wardCode, query.villageCode),
        linkKey(),
      ]);
      const page = pageOfLinks(records, query.limit ?? DEFAULT_LINKS_PAGE, after);
      const nextCursor = (await cursors.sign(page.after, scope)) ?? null;
      return c.json({ links: page.records.map((record) => toLink(record, key, base, responses.get(selfResponseId(record.linkId)))), nextCursor });
    })
    .delete('/:token', async (c) => {
      // An expired link may still be revoked (it changes nothing); a forged one is a 401 like everywhere.
      const { record } = await resolveLink(repo.links, await linkKey(), c.req.param('token'), null);
      if (!canWorkInWard(c.get('user'), record.wardCode, await treeOf(record.roundId))) throw problem.forbidden();
      // Revoking twice is a replay: the outcome the client wanted holds.
      if (!record.revokedAt) await repo.links.revokeLink(record.roundId, record.villageCode, record.linkId, clock().toISOString(), c.get('user').username);
      return c.body(null, 204);
    });
}
