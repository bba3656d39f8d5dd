// /api/self/{token}: a household answers for itself through its link, with no account. The token is the only
// credential: it names the round, ward, village and link, so the household reads and writes its own response and
// nothing else. Every request is rate limited per client address and per link before any storage is touched.
// GET /api/self/code/{code} trades a typed short code for the link's token; failed codes count in their own, lower
// bucket per address, checked before the lookup reads anything.

import type { SelfCodeAnswer } from '@shared/api/links';
import { Hono } from 'hono';
import { problem } from '../../errors';
import type { AreaTreeOf } from '../../services/areas/area-tree';
import { assertLinkLive, linkOfCode } from '../../services/links/link-of-code';
import type { LinkKeySource } from '../../services/links/link-secret';
import { selfResponseId, signLinkToken } from '../../services/links/link-token';
import { selfReportUrl } from '../../services/links/link-urls';
import { claimsOf, linkOfClaims, verifiedClaims } from '../../services/links/links-service';
import { createRateLimiter, type RateLimit } from '../../services/links/rate-limiter';
import { selfFormOf } from '../../services/links/self-form';
import { bodyForLink, linkActor } from '../../services/links/self-submission';
import { putResponse } from '../../services/responses/put-response';
import type { PublishedDefinitions } from '../../services/surveys/published-definitions';
import { clientAddress } from '../client-origin';
import type { AppContext, AppDeps, AppEnv } from '../context';
import { ifMatchVersion, readJson } from '../request';

/**
 * A household opens its form, saves a few times and maybe comes back: 30 requests a minute per link is plenty.
 * Many phones share one address behind carrier NAT, hence the higher per-address limit. Requests whose token does
 * not verify (guesses, mangled copies) count apart in a lower bucket per address, so junk from one shared address
 * runs out its own bucket and never the real households' one.
 */
const INVALID_CODES_PER_ADDRESS: RateLimit = { limit: 10, windowMs: 60_000 };

export const DEFAULT_SELF_RATE_LIMITS: SelfRateLimits = {
  perToken: { limit: 30, windowMs: 60_000 },
  perAddress: { limit: 300, windowMs: 60_000 },
  invalidPerAddress: { limit: 30, windowMs: 60_000 },
  invalidCodesPerAddress: INVALID_CODES_PER_ADDRESS,
};

export interface SelfRateLimits {
  perToken: RateLimit;
  perAddress: RateLimit;
  /** Default: the lower of perAddress and 30 a minute. */
  invalidPerAddress?: RateLimit;
  /**
   * Short codes that name no link (or are not codes), per address. Lower than for tokens: a code is shorter (60
   * bits) and each guess costs a storage read. Default: 10 a minute.
   */
  invalidCodesPerAddress?: RateLimit;
}

type SelfRouteDeps = AppDeps & { areaTree: AreaTreeOf; linkKey: LinkKeySource; definitions: PublishedDefinitions };

export function selfRoutes(deps: SelfRouteDeps) {
  const { repo, clock, areaTree, linkKey, definitions } = deps;
  const limits = deps.selfRateLimits ?? DEFAULT_SELF_RATE_LIMITS;
  const perAddress = createRateLimiter(limits.perAddress);
  const perToken = createRateLimiter(limits.perToken);
  const invalidPerAddress = createRateLimiter(
    limits.invalidPerAddress ?? { ...limits.perAddress, limit: Math.min(limits.perAddress.limit, DEFAULT_SELF_RATE_LIMITS.perAddress.limit / 10) },
  );
  const invalidCodes = createRateLimiter(limits.invalidCodesPerAddress ?? INVALID_CODES_PER_ADDRESS);
  const hit = (limiter: ReturnType<typeof createRateLimiter>, key: string) => {
    const decision = limiter.hit(key, clock().getTime());
    if (!decision.allowed) throw problem.tooManyRequests(decision.retryAfterSeconds);
  };

  /**
   * The live link of the request's token; 401 for anything else. The signature is checked first (no storage):
   * a token that fails counts in its address's bucket of guesses only; a signed one in its address's and its
   * link's buckets, so a burst on one link never reaches storage.
   */
  const liveLink = async (c: AppContext) => {
    const address = clientAddress(c, [deps.originVerify, deps.originVerifyPrevious]);
    let claims: ReturnType<typeof verifiedClaims>;
    try {
      claims = verifiedClaims(await linkKey(), c.req.param('token') ?? '', clock());
    } catch (refusal) {
      hit(invalidPerAddress, address);
      throw refusal;
    }
    hit(perAddress, address);
    hit(perToken, claims.linkId);
    const record = await linkOfClaims(repo.links, claims);
    if (record.revokedAt) throw problem.linkRefused('revoked');
    return record;
  };

  /**
   * The live link of a typed code. An address whose failed codes ran out is refused before any read; a code that
   * is malformed (400 at `code`) or names no link (401 link_invalid) counts as one more failure.
   */
  const liveLinkOfCode = async (c: AppContext) => {
    const address = clientAddress(c, [deps.originVerify, deps.originVerifyPrevious]);
    const blocked = invalidCodes.check(address, clock().getTime());
    if (!blocked.allowed) throw problem.tooManyRequests(blocked.retryAfterSeconds);
    hit(perAddress, address);
    const found = await linkOfCode(repo.links, await linkKey(), c.req.param('code') ?? '');
    if (!found.found) {
      invalidCodes.hit(address, clock().getTime());
      throw found.reason === 'malformed' ? problem.invalidField('code', 'validation.link_code_malformed') : problem.linkRefused('invalid');
    }
    hit(perToken, found.record.linkId);
    return assertLinkLive(found.record, clock());
  };

  return new Hono<AppEnv>()
    .get('/code/:code', async (c) => {
      const record = await liveLinkOfCode(c);
      const token = signLinkToken(await linkKey(), claimsOf(record));
      const answer: SelfCodeAnswer = { token, url: selfReportUrl(deps.publicUrl.replace(/\/+$/, ''), token) };
      return c.json(answer);
    })
    .get('/:token', async (c) => {
      const record = await liveLink(c);
      const form = await selfFormOf(record, { reference: repo.reference, responses: repo.responses, areaTree, definitions });
      if (form.response) c.header('ETag', `"${form.response.version}"`);
      return c.json(form);
    })
    .put('/:token', async (c) => {
      const record = await liveLink(c);
      const ifMatch = ifMatchVersion(c);
      const body = bodyForLink(await readJson(c), record);
      const result = await putResponse(
        { id: selfResponseId(record.linkId), body, ifMatch, actor: linkActor(record), channel: 'self' },
        { responses: repo.responses, reference: repo.reference, areaTree, clock, definitions },
      );
      c.header('ETag', `"${result.version}"`);
      return c.json({ id: result.id, version: result.version }, result.created ? 201 : 200);
    });
}
