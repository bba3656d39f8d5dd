// A second response of a roster household on the phone: refused (never retried, never a merge), and dropped
// cleanly when the collector chooses.
import type { StoredResponse } from '@shared/api/contract';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../web/src/lib/outbox/classify';

const HOUSEHOLD_ANSWERED = 'household_already_answered';

import { freshRecord, refusedAnswersDropped } from '../../web/src/lib/outbox/transitions';
import { responseBody } from '../support/fixtures';

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const ID = '00000000-0000-4000-8000-000000000001';
const rejection = { status: 409, code: HOUSEHOLD_ANSWERED, message: 'đã có phiếu', issues: [], existingId: 'other' };

describe('a household already answered', () => {
  it('is a rejection kept for the collector, not a conflict to merge or an upload to retry', () => {
    expect(classifyFailure(409, HOUSEHOLD_ANSWERED)).toBe('rejected');
    expect(classifyFailure(409, 'version_conflict')).toBe('conflict');
  });

  it('forgets a household the server never had when the collector drops it', () => {
    const record = { ...freshRecord('c', ID, TARGET, 1), state: 'rejected' as const, body: responseBody({ householdCode: 'A' }), rejection };
    expect(refusedAnswersDropped(record, 2)).toBeNull();
  });

  it("takes the server's copy back for an uploaded household whose edit named an answered household", () => {
    const server = { ...responseBody(), id: ID, version: 3, channel: 'collector', createdBy: 'c', createdAt: 'x', updatedAt: 'y' } as StoredResponse;
    const record = {
      ...freshRecord('c', ID, TARGET, 1),
      state: 'rejected' as const,
      version: 3,
      server,
      body: responseBody({ householdCode: 'A' }),
      rejection,
    };
    const next = refusedAnswersDropped(record, 2);
    expect(next).toMatchObject({ state: 'uploaded', version: 3, body: responseBody() });
    expect(next && 'rejection' in next).toBe(false);
  });
});
