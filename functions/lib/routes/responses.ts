// /api/responses: collectors (and admins) create, read, list, edit and delete household responses.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { StoredResponse } from '../../../shared/api/contract';
import type { AreaTree } from '../../../shared/areas/areas';
import type { AppContext, AppDeps, AppEnv } from '../app/context';
import { requireUser } from '../app/middleware';
import { parseOrThrow, readJson } from '../app/request';
import { canWorkInWard } from '../app/scope';
import { ForbiddenError, NotFoundError, ValidationError, VersionConflictError, VersionRequiredError } from '../errors';
import type { StoredResponseItem } from '../repo/types';
import { putResponse, userActor } from '../responses/put-response';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const ListQuerySchema = z.strictObject({
  roundId: z.string().check(z.minLength(1)),
  wardCode: z.string().check(z.minLength(1)),
  villageCode: z.optional(z.string().check(z.minLength(1))),
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});

export function responseId(c: AppContext): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw new ValidationError([{ path: 'id', key: 'validation.invalid_uuid' }]);
  return id.toLowerCase();
}

/** The If-Match version: `3` or `"3"` (an ETag) are accepted; absent is undefined. */
export function ifMatchVersion(c: AppContext): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new ValidationError([{ path: 'If-Match', key: 'validation.invalid_if_match' }]);
  return Number(match[1]);
}

export function toStoredResponse(item: StoredResponseItem): StoredResponse {
  const { id, roundId, wardCode, villageCode, householdCode, household, members, version, channel, createdBy, createdAt, updatedAt } = item;
  return { id, roundId, wardCode, villageCode, ...(householdCode ? { householdCode } : {}), household, members, version, channel, createdBy, createdAt, updatedAt };
}

export function responseRoutes(deps: AppDeps & { areaTree: () => Promise<AreaTree> }) {
  const { repo, identity, clock, areaTree } = deps;
  const readable = async (c: AppContext, id: string) => {
    const item = await repo.responses.get(id);
    if (!item || item.deletedAt) throw new NotFoundError();
    if (!canWorkInWard(c.get('user'), item.wardCode, await areaTree())) throw new ForbiddenError();
    return item;
  };

  return new Hono<AppEnv>()
    .use(requireUser(identity, 'collector', 'admin'))
    .put('/:id', async (c) => {
      const id = responseId(c);
      const ifMatch = ifMatchVersion(c);
      const body = await readJson(c);
      const result = await putResponse(
        { id, body, ifMatch, actor: userActor(c.get('user')), channel: 'collector' },
        { responses: repo.responses, reference: repo.reference, areaTree, clock },
      );
      c.header('ETag', `"${result.version}"`);
      return c.json({ id: result.id, version: result.version }, result.created ? 201 : 200);
    })
    .get('/:id', async (c) => {
      const item = await readable(c, responseId(c));
      c.header('ETag', `"${item.version}"`);
      return c.json(toStoredResponse(item));
    })
    .get('/', async (c) => {
      const query = parseOrThrow(ListQuerySchema, c.req.query(), c);
      if (!canWorkInWard(c.get('user'), query.wardCode, await areaTree())) throw new ForbiddenError([{ path: 'wardCode', key: 'error.forbidden' }]);
      const page = await repo.responses.listByWard({ ...query, limit: query.limit ?? 50 });
      return c.json({ responses: page.items.map(toStoredResponse), ...(page.cursor ? { cursor: page.cursor } : {}) });
    })
    .delete('/:id', async (c) => {
      const id = responseId(c);
      const ifMatch = ifMatchVersion(c);
      const item = await repo.responses.get(id);
      if (!item) throw new NotFoundError();
      if (!canWorkInWard(c.get('user'), item.wardCode, await areaTree())) throw new ForbiddenError();
      // Deleting what is already deleted is a replay: the outcome the client wanted holds.
      if (item.deletedAt) return c.body(null, 204);
      if (ifMatch === undefined) throw new VersionRequiredError(item.version);
      if (ifMatch !== item.version) throw new VersionConflictError(item.version);
      const now = clock().toISOString();
      const tombstone: StoredResponseItem = { ...item, version: item.version + 1, deletedAt: now, updatedAt: now, updatedBy: c.get('user').username };
      if (!(await repo.responses.markDeleted(tombstone, item.version))) {
        const current = await repo.responses.get(id);
        if (current?.deletedAt) return c.body(null, 204);
        throw new VersionConflictError(current?.version ?? item.version);
      }
      return c.body(null, 204);
    });
}
