// A stored response item as the API answers it (GET /api/responses, /api/review): the public fields, and the
// review state, which responses written before review existed do not store (they are submitted).
import type { StoredResponse } from '@shared/api/contract';
import type { StoredResponseItem } from '../repo/types';

export function toStoredResponse(item: StoredResponseItem): StoredResponse {
  const { id, roundId, wardCode, villageCode, householdCode, household, members, version, channel, createdBy, createdAt, updatedAt, review } = item;
  return {
    id,
    roundId,
    wardCode,
    villageCode,
    ...(householdCode ? { householdCode } : {}),
    household,
    members,
    version,
    channel,
    createdBy,
    createdAt,
    updatedAt,
    review: review ?? { state: 'submitted' },
  };
}
