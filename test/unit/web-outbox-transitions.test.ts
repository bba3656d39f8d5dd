// The outbox's pure state transitions: no IndexedDB, no fetch, no mocks.

import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import { describe, expect, it } from 'vitest';
import { emptyForm } from '../../web/src/lib/household-form';
import {
  afterConflictRead,
  answersCommitted,
  conflictFound,
  conflictResolved,
  deleteQueued,
  draftDiscarded,
  draftSaved,
  freshRecord,
  goneFromListing,
  holdsOurAnswers,
  MAX_UNCONFIRMED,
  rebasedOnOwnUpload,
  retryScheduled,
  serverCopySeen,
  uploadAccepted,
  uploadRejected,
  uploadSent,
} from '../../web/src/lib/outbox/transitions';
import type { LocalHousehold } from '../../web/src/lib/outbox/types';

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const ID = '00000000-0000-4000-8000-000000000001';
const body = (name: string): ResponseBody => ({
  ...TARGET,
  household: { head_name: name, address: 'B', fiber_broadband: false, internet_any: false, electricity_cashless: false, business_household: false },
  members: [{ birth_year: 2014, has_ehr: true }],
});
const stored = (b: ResponseBody, version: number): StoredResponse => ({
  ...b,
  id: ID,
  version,
  channel: 'collector',
  createdBy: 'c2',
  createdAt: '2024-05-01T00:00:00Z',
  updatedAt: '2024-05-02T00:00:00Z',
});
const record = (fields: Partial<LocalHousehold>): LocalHousehold => ({ ...freshRecord('c1', ID, TARGET, 1), ...fields });
const REJECTION = { status: 400, code: 'invalid_request', message: 'no', issues: [] };

describe('drafts', () => {
  it('starts a new household as a draft and keeps what waits to upload', () => {
    const draft = emptyForm();
    expect(draftSaved(undefined, 'c1', ID, TARGET, draft, 5)).toMatchObject({ owner: 'c1', id: ID, state: 'draft', draft, savedAt: 5 });
    const waiting = record({ state: 'pending', body: body('A') });
    expect(draftSaved(waiting, 'c1', ID, TARGET, draft, 6)).toMatchObject({ state: 'pending', body: body('A'), draft });
  });

  it('forgets a household that was never completed when its draft is dropped', () => {
    expect(draftDiscarded(record({ state: 'draft', draft: emptyForm() }))).toBeNull();
    expect(draftDiscarded(undefined)).toBeUndefined();
  });

  it('takes the newer server copy when a draft over an uploaded household is dropped', () => {
    const next = draftDiscarded(record({ state: 'uploaded', body: body('A'), version: 1, server: stored(body('B'), 2), draft: emptyForm() }));
    expect(next).toMatchObject({ state: 'uploaded', body: body('B'), version: 2 });
    expect(next).not.toHaveProperty('draft');
  });
});

describe('answersCommitted', () => {
  it('makes completed answers wait to upload, dropping draft, rejection and a queued delete', () => {
    const next = answersCommitted(
      record({ state: 'rejected', draft: emptyForm(), rejection: REJECTION, deleting: true, attempts: 3 }),
      'c1',
      ID,
      TARGET,
      body('A'),
      9,
    );
    expect(next).toMatchObject({ state: 'pending', body: body('A'), attempts: 0, nextAttemptAt: 0, savedAt: 9 });
    expect(next).not.toHaveProperty('draft');
    expect(next).not.toHaveProperty('rejection');
    expect(next).not.toHaveProperty('deleting');
  });

  it('keeps a conflict a conflict until the collector chooses', () => {
    expect(answersCommitted(record({ state: 'conflict', theirs: stored(body('T'), 2) }), 'c1', ID, TARGET, body('A'), 9)).toMatchObject({
      state: 'conflict',
      body: body('A'),
    });
  });
});

describe('deleteQueued', () => {
  it('forgets a household the server never had', () => {
    expect(deleteQueued(record({ state: 'pending', body: body('A') }), 5)).toBeNull();
  });

  it('queues the delete of a household whose upload went out without an answer', () => {
    expect(deleteQueued(record({ state: 'pending', body: body('A'), unconfirmed: [body('A')] }), 5)).toMatchObject({
      state: 'pending',
      deleting: true,
      attempts: 0,
    });
  });
});

describe('conflictResolved', () => {
  const inConflict = record({ state: 'conflict', body: body('Mine'), version: 1, theirs: stored(body('Theirs'), 3) });

  it('keeping theirs takes their answers and version, as uploaded', () => {
    const next = conflictResolved(inConflict, 'theirs', 7);
    expect(next).toMatchObject({ state: 'uploaded', body: body('Theirs'), version: 3 });
    expect(next).not.toHaveProperty('theirs');
  });

  it('keeping mine re-sends mine at their version', () => {
    expect(conflictResolved(inConflict, 'mine', 7)).toMatchObject({ state: 'pending', body: body('Mine'), version: 3 });
  });

  it('does nothing without a conflict', () => {
    expect(conflictResolved(record({ state: 'pending' }), 'mine', 7)).toBeUndefined();
  });
});

describe('serverCopySeen', () => {
  const where = { villageCode: TARGET.villageCode, roundId: TARGET.roundId };

  it('remembers a household first seen on the server as uploaded', () => {
    expect(serverCopySeen(undefined, 'c1', stored(body('S'), 2), where, 1)).toMatchObject({ owner: 'c1', state: 'uploaded', body: body('S'), version: 2 });
  });

  it('keeps unsent answers and their base version; only the server copy moves', () => {
    const next = serverCopySeen(record({ state: 'pending', body: body('Mine'), version: 1 }), 'c1', stored(body('S'), 2), where, 1);
    expect(next).toMatchObject({ state: 'pending', body: body('Mine'), version: 1, server: { version: 2 } });
  });

  it('changes nothing when the phone already holds that version', () => {
    expect(serverCopySeen(record({ state: 'uploaded', version: 2, server: stored(body('S'), 2) }), 'c1', stored(body('S'), 2), where, 1)).toBeUndefined();
  });

  it('forgets after a complete listing only uploaded households of that village that are no longer listed', () => {
    expect(goneFromListing(record({ state: 'uploaded' }), where, new Set())).toBe(true);
    expect(goneFromListing(record({ state: 'uploaded' }), where, new Set([ID]))).toBe(false);
    expect(goneFromListing(record({ state: 'pending' }), where, new Set())).toBe(false);
    expect(goneFromListing(record({ state: 'uploaded', villageCode: 'other' }), where, new Set())).toBe(false);
  });
});

describe('uploads', () => {
  it('remembers at most a few unconfirmed bodies, each once', () => {
    let r: LocalHousehold = record({ state: 'pending' });
    for (let i = 0; i < MAX_UNCONFIRMED + 2; i++) r = uploadSent(r, body(`B${i}`))!;
    r = uploadSent(r, body(`B${MAX_UNCONFIRMED + 1}`))!;
    expect(r.unconfirmed).toHaveLength(MAX_UNCONFIRMED);
    expect(r.unconfirmed!.at(-1)).toEqual(body(`B${MAX_UNCONFIRMED + 1}`));
  });

  it('an accepted upload becomes uploaded at the new version', () => {
    const next = uploadAccepted(
      record({ state: 'pending', body: body('A'), unconfirmed: [body('A')], attempts: 2 }),
      'c1',
      body('A'),
      4,
      '2024-05-03T00:00:00Z',
    );
    expect(next).toMatchObject({ state: 'uploaded', version: 4, attempts: 0, server: { version: 4, createdBy: 'c1', updatedAt: '2024-05-03T00:00:00Z' } });
    expect(next!.unconfirmed).toBeUndefined();
  });

  it('answers changed while uploading stay waiting, based on the version just written', () => {
    expect(uploadAccepted(record({ state: 'pending', body: body('Newer') }), 'c1', body('A'), 4, '2024-05-03T00:00:00Z')).toMatchObject({
      state: 'pending',
      version: 4,
    });
  });

  it('a retry counts the attempt and waits with backoff', () => {
    expect(retryScheduled(record({ state: 'pending', attempts: 2 }), 1_000, () => 0)).toMatchObject({ attempts: 3, nextAttemptAt: 1_000 + 4_000 });
  });

  it('a rejection keeps the reason, unless a delete waits behind the refused answers', () => {
    expect(uploadRejected(record({ state: 'pending' }), false, REJECTION)).toMatchObject({ state: 'rejected', rejection: REJECTION });
    expect(uploadRejected(record({ state: 'pending', deleting: true }), false, REJECTION)).toMatchObject({ state: 'pending', nextAttemptAt: 0 });
    expect(uploadRejected(record({ state: 'pending', deleting: true }), true, REJECTION)).toMatchObject({ state: 'rejected' });
  });

  it('a conflict keeps their copy', () => {
    expect(conflictFound(record({ state: 'pending' }), stored(body('T'), 3))).toMatchObject({
      state: 'conflict',
      theirs: { version: 3 },
      server: { version: 3 },
    });
  });
});

describe('what a 409 means', () => {
  it('recognises our own lost upload: done when it is the current answers', () => {
    expect(afterConflictRead({ body: body('A'), unconfirmed: [body('A')] }, stored(body('A'), 2), false)).toBe('uploaded');
  });

  it('recognises our own earlier upload and re-sends newer answers from its version, once', () => {
    expect(afterConflictRead({ body: body('B'), unconfirmed: [body('A')] }, stored(body('A'), 2), false)).toBe('resend');
    expect(afterConflictRead({ body: body('B'), unconfirmed: [body('A')] }, stored(body('A'), 2), true)).toBe('conflict');
    expect(rebasedOnOwnUpload(record({ state: 'pending', unconfirmed: [body('A')] }), stored(body('A'), 2), false)).toMatchObject({
      state: 'pending',
      version: 2,
      unconfirmed: undefined,
    });
  });

  it('someone else’s answers, or a queued delete, are a real conflict', () => {
    expect(afterConflictRead({ body: body('A'), unconfirmed: [body('A')] }, stored(body('T'), 2), false)).toBe('conflict');
    expect(afterConflictRead({ body: body('A'), unconfirmed: [body('A')], deleting: true }, stored(body('A'), 2), false)).toBe('conflict');
  });

  it('a delete without a version belongs to us when the server holds our current or unconfirmed answers', () => {
    expect(holdsOurAnswers({ body: body('A') }, stored(body('A'), 2))).toBe(true);
    expect(holdsOurAnswers({ body: body('B'), unconfirmed: [body('A')] }, stored(body('A'), 2))).toBe(true);
    expect(holdsOurAnswers({ body: body('B') }, stored(body('A'), 2))).toBe(false);
  });
});
