// /api/self/{token}: a household answers for itself through its link, with no account. The token is the only
// credential: it names the round, ward, village and link, so the household reads and writes its own response and
// nothing else. Every request is rate limited per client address and per link before any storage is touched.
import { Hono, type MiddlewareHandler } from 'hono';
import type { AreaTree } from '../../../shared/areas/areas';
import type { SelfForm } from '../../../shared/api/links';
import { HOUSEHOLD_FORM } from '../../../shared/survey/form';
import type { AppContext, AppDeps, AppEnv } from '../app/context';
import { LinkRefusedError, NotFoundError, TooManyRequestsError, ValidationError, type PendingIssue } from '../errors';
import type { LinkKeySource } from '../links/link-secret';
import { linkActorName, selfResponseId } from '../links/link-token';
import { clientAddress } from '../links/link-urls';
import { linkOfClaims, verifiedClaims } from '../links/links-service';
import { createRateLimiter, type RateLimit } from '../links/rate-limiter';
import { readJson } from '../app/request';
import type { LinkRecord } from '../repo/types';
import { putResponse, type PutActor } from '../responses/put-response';
import { ifMatchVersion } from './responses';

/**
 * A household opens its form, saves a few times and maybe comes back: 30 requests a minute per link is plenty.
 * Many phones share one address behind carrier NAT, hence the higher per-address limit.
 */
export const DEFAULT_SELF_RATE_LIMITS: { perToken: RateLimit; perAddress: RateLimit } = {
  perToken: { limit: 30, windowMs: 60_000 },
  perAddress: { limit: 300, windowMs: 60_000 },
};

type SelfRouteDeps = AppDeps & { areaTree: () => Promise<AreaTree>; linkKey: LinkKeySource };

/** Fields a link fixes: a body may repeat them, but not change them. */
const FIXED_FIELDS = ['roundId', 'wardCode', 'villageCode', 'householdCode'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The response body a link submits: the household's answers, with round, ward, village and household from the link. */
function bodyForLink(raw: unknown, record: LinkRecord): unknown {
  if (!isObject(raw)) return raw;
  const fixed: Record<(typeof FIXED_FIELDS)[number], string | undefined> = {
    roundId: record.roundId,
    wardCode: record.wardCode,
    villageCode: record.villageCode,
    householdCode: record.householdCode,
  };
  const changed: PendingIssue[] = FIXED_FIELDS.filter((field) => raw[field] !== undefined && raw[field] !== fixed[field]).map((field) => ({
    path: field,
    key: 'validation.fixed_by_link',
  }));
  if (changed.length > 0) throw new ValidationError(changed);
  const { householdCode, ...rest } = fixed;
  return { ...raw, ...rest, ...(householdCode ? { householdCode } : {}) };
}

function linkActor(record: LinkRecord): PutActor {
  return {
    name: linkActorName(record.linkId),
    mayWrite: (target) => target.wardCode === record.wardCode && target.villageCode === record.villageCode,
  };
}

export function selfRoutes(deps: SelfRouteDeps) {
  const { repo, clock, areaTree, linkKey } = deps;
  const limits = deps.selfRateLimits ?? DEFAULT_SELF_RATE_LIMITS;
  const perAddress = createRateLimiter(limits.perAddress);
  const perToken = createRateLimiter(limits.perToken);

  const limitAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
    const decision = perAddress.hit(clientAddress(c, deps.originVerify), clock().getTime());
    if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds);
    await next();
  };

  /**
   * The live link of the request's token; 401 for anything else. A signed token is counted against its link's
   * limit straight after the signature check, so a burst on one link never reaches storage.
   */
  const liveLink = async (c: AppContext) => {
    const claims = verifiedClaims(await linkKey(), c.req.param('token') ?? '', clock());
    const decision = perToken.hit(claims.linkId, clock().getTime());
    if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds);
    const record = await linkOfClaims(repo, claims);
    if (record.revokedAt) throw new LinkRefusedError('revoked');
    return record;
  };

  return new Hono<AppEnv>()
    .use(limitAddress)
    .get('/:token', async (c) => {
      const record = await liveLink(c);
      const [round, tree, stored] = await Promise.all([repo.reference.getRound(record.roundId), areaTree(), repo.responses.get(selfResponseId(record.linkId))]);
      const ward = tree.get(record.wardCode);
      const village = tree.get(record.villageCode);
      if (!round || !ward || !village) throw new NotFoundError();
      const live = stored && !stored.deletedAt ? stored : undefined;
      const form: SelfForm = {
        link: {
          linkId: record.linkId,
          expiresAt: record.expiresAt,
          ...(record.householdCode ? { householdCode: record.householdCode } : {}),
          ...(record.headName ? { headName: record.headName } : {}),
        },
        round,
        ward,
        village,
        form: HOUSEHOLD_FORM,
        response: live ? { id: live.id, version: live.version, household: live.household, members: live.members, updatedAt: live.updatedAt } : null,
        deleted: Boolean(stored?.deletedAt),
      };
      if (live) c.header('ETag', `"${live.version}"`);
      return c.json(form);
    })
    .put('/:token', async (c) => {
      const record = await liveLink(c);
      const ifMatch = ifMatchVersion(c);
      const body = bodyForLink(await readJson(c), record);
      const result = await putResponse(
        { id: selfResponseId(record.linkId), body, ifMatch, actor: linkActor(record), channel: 'self' },
        { responses: repo.responses, reference: repo.reference, areaTree, clock },
      );
      c.header('ETag', `"${result.version}"`);
      return c.json({ id: result.id, version: result.version }, result.created ? 201 : 200);
    });
}
