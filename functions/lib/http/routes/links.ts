// /api/links: collectors (and admins) make self-report links for a village of their ward, list them with their
// state (unused, used, revoked), and revoke them. Revoking keeps the response; deleting it is a separate act.

import { CreateLinksRequestSchema } from '@shared/api/links';
import type { AreaTree } from '@shared/areas/areas';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { assertVillageOfWard, canWorkInWard } from '../../access/scope';
import { problem } from '../../errors';
import { createLinks } from '../../services/links/create-links';
import type { LinkKeySource } from '../../services/links/link-secret';
import { selfResponseId } from '../../services/links/link-token';
import { resolveLink, responsesOfVillage, toLink } from '../../services/links/links-service';
import { publicBaseUrl } from '../client-origin';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { parseOrThrow, readJson } from '../request';

const ListQuerySchema = z.strictObject({
  roundId: z.string().check(z.minLength(1)),
  wardCode: z.string().check(z.minLength(1)),
  villageCode: z.string().check(z.minLength(1)),
});

type LinkRouteDeps = AppDeps & { areaTree: () => Promise<AreaTree>; linkKey: LinkKeySource };

export function linkRoutes(deps: LinkRouteDeps) {
  const { repo, identity, clock, areaTree, linkKey } = deps;

  /** The ward exists, the village is in it, and the user works there. */
  const checkVillage = async (c: AppContext, wardCode: string, villageCode: string) =>
    assertVillageOfWard(await areaTree(), c.get('user'), wardCode, villageCode);

  return new Hono<AppEnv>()
    .use(requireUser(identity, 'collector', 'admin'))
    .post('/', async (c) => {
      const request = parseOrThrow(CreateLinksRequestSchema, await readJson(c));
      const records = await createLinks(request, c.get('user'), { reference: repo.reference, roster: repo.roster, links: repo.links, areaTree, clock });
      const key = await linkKey();
      const base = publicBaseUrl(c, deps.publicUrl);
      return c.json({ links: records.map((record) => toLink(record, key, base, undefined)) }, 201);
    })
    .get('/', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query());
      await checkVillage(c, query.wardCode, query.villageCode);
      const [records, responses, key] = await Promise.all([
        repo.links.listLinks(query.roundId, query.villageCode),
        responsesOfVillage(repo.responses, query.roundId, query.wardCode, query.villageCode),
        linkKey(),
      ]);
      const base = publicBaseUrl(c, deps.publicUrl);
      return c.json({ links: records.map((record) => toLink(record, key, base, responses.get(selfResponseId(record.linkId)))) });
    })
    .delete('/:token', async (c) => {
      // An expired link may still be revoked (it changes nothing); a forged one is a 401 like everywhere.
      const { record } = await resolveLink(repo.links, await linkKey(), c.req.param('token'), null);
      if (!canWorkInWard(c.get('user'), record.wardCode, await areaTree())) throw problem.forbidden();
      // Revoking twice is a replay: the outcome the client wanted holds.
      if (!record.revokedAt) await repo.links.revokeLink(record.roundId, record.villageCode, record.linkId, clock().toISOString(), c.get('user').username);
      return c.body(null, 204);
    });
}
