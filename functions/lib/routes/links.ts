// /api/links: collectors (and admins) make self-report links for a village of their ward, list them with their
// state (unused, used, revoked), and revoke them. Revoking keeps the response; deleting it is a separate act.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AreaTree } from '../../../shared/areas/areas';
import { CreateLinksRequestSchema } from '../../../shared/api/links';
import type { AppContext, AppDeps, AppEnv } from '../app/context';
import { requireUser } from '../app/middleware';
import { parseOrThrow, readJson } from '../app/request';
import { assertVillageOfWard, canWorkInWard } from '../app/scope';
import { ForbiddenError, RoundClosedError, ValidationError } from '../errors';
import type { LinkKeySource } from '../links/link-secret';
import { newLinkId, selfResponseId } from '../links/link-token';
import { publicBaseUrl } from '../links/link-urls';
import { namedHouseholdsOfVillage, resolveLink, responsesOfVillage, toLink } from '../links/links-service';
import type { LinkRecord } from '../repo/types';

const ListQuerySchema = z.strictObject({
  roundId: z.string().check(z.minLength(1)),
  wardCode: z.string().check(z.minLength(1)),
  villageCode: z.string().check(z.minLength(1)),
});

type LinkRouteDeps = AppDeps & { areaTree: () => Promise<AreaTree>; linkKey: LinkKeySource };

export function linkRoutes(deps: LinkRouteDeps) {
  const { repo, identity, clock, areaTree, linkKey } = deps;

  /** The ward exists, the village is in it, and the user works there. */
  const checkVillage = async (c: AppContext, wardCode: string, villageCode: string) => assertVillageOfWard(await areaTree(), c.get('user'), wardCode, villageCode);

  return new Hono<AppEnv>()
    .use(requireUser(identity, 'collector', 'admin'))
    .post('/', async (c) => {
      const request = parseOrThrow(CreateLinksRequestSchema, await readJson(c), c);
      if ((request.count === undefined) === (request.households === undefined)) {
        throw new ValidationError([{ path: 'count', key: 'validation.links_count_or_households' }]);
      }
      const round = await repo.reference.getRound(request.roundId);
      if (!round) throw new ValidationError([{ path: 'roundId', key: 'validation.unknown_round' }]);
      await checkVillage(c, request.wardCode, request.villageCode);
      const now = clock();
      if (now < new Date(round.opensAt) || now >= new Date(round.closesAt)) throw new RoundClosedError();

      const who = request.households
        ? await namedHouseholdsOfVillage(repo, request.wardCode, request.villageCode, request.households)
        : Array.from({ length: request.count ?? 0 }, () => ({ headName: undefined, householdCode: undefined }));
      const createdAt = now.toISOString();
      const records: LinkRecord[] = who.map(({ headName, householdCode }) => ({
        linkId: newLinkId(),
        roundId: round.id,
        wardCode: request.wardCode,
        villageCode: request.villageCode,
        ...(householdCode ? { householdCode } : {}),
        ...(headName ? { headName } : {}),
        expiresAt: new Date(round.closesAt).toISOString(),
        createdBy: c.get('user').username,
        createdAt,
      }));
      await repo.links.putLinks(records);
      const key = await linkKey();
      const base = publicBaseUrl(c, deps.publicUrl);
      return c.json({ links: records.map((record) => toLink(record, key, base, undefined)) }, 201);
    })
    .get('/', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query(), c);
      await checkVillage(c, query.wardCode, query.villageCode);
      const [records, responses, key] = await Promise.all([
        repo.links.listLinks(query.roundId, query.villageCode),
        responsesOfVillage(repo, query.roundId, query.wardCode, query.villageCode),
        linkKey(),
      ]);
      const base = publicBaseUrl(c, deps.publicUrl);
      return c.json({ links: records.map((record) => toLink(record, key, base, responses.get(selfResponseId(record.linkId)))) });
    })
    .delete('/:token', async (c) => {
      // An expired link may still be revoked (it changes nothing); a forged one is a 401 like everywhere.
      const { record } = await resolveLink(repo, await linkKey(), c.req.param('token'), null);
      if (!canWorkInWard(c.get('user'), record.wardCode, await areaTree())) throw new ForbiddenError();
      // Revoking twice is a replay: the outcome the client wanted holds.
      if (!record.revokedAt) await repo.links.revokeLink(record.roundId, record.villageCode, record.linkId, clock().toISOString(), c.get('user').username);
      return c.body(null, 204);
    });
}
