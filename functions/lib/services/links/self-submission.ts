// A household's own submission through its link: the link fixes round, ward, village and household, and writes
// as its own actor (fixed to its ward and village) into the response the link names.
import { type PendingIssue, ValidationError } from '../../errors';
import type { LinkRecord } from '../../repo/types';
import type { PutActor } from '../responses/put-response';
import { linkActorName } from './link-token';

/** Fields a link fixes: a body may repeat them, but not change them. */
const FIXED_FIELDS = ['roundId', 'wardCode', 'villageCode', 'householdCode'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The response body a link submits: the household's answers, with round, ward, village and household from the link. */
export function bodyForLink(raw: unknown, record: LinkRecord): unknown {
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

export function linkActor(record: LinkRecord): PutActor {
  return {
    name: linkActorName(record.linkId),
    mayWrite: (target) => target.wardCode === record.wardCode && target.villageCode === record.villageCode,
  };
}
