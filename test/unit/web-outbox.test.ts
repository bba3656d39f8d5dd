// The outbox on the phone: how upload failures are classified, backoff, and the store + upload rules
// against a real IndexedDB implementation (fake-indexeddb) with the API client replaced.
import 'fake-indexeddb/auto';
import type { StoredResponse } from '@shared/api/contract';
import type { ResponseBody } from '@shared/survey/schema';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ putResponse: vi.fn(), getResponse: vi.fn(), deleteResponse: vi.fn() }));
vi.mock('../../web/src/lib/platform/api', async (original) => ({ ...(await original<typeof import('../../web/src/lib/platform/api')>()), api }));
vi.mock('../../web/src/lib/platform/storage', async (original) => ({
  ...(await original<typeof import('../../web/src/lib/platform/storage')>()),
  loadSession: () => ({ token: 't', expiresAt: '2999-01-01T00:00:00Z', user: { username: 'c1', role: 'collector', areas: ['14815'] } }),
}));

const { ApiError } = await import('../../web/src/lib/platform/api');
const { backoffDelay, classifyFailure, sameBody } = await import('../../web/src/lib/outbox/classify');
const store = await import('../../web/src/lib/outbox/store');
const { uploadOne } = await import('../../web/src/lib/outbox/sync');
const { isUnsent } = await import('../../web/src/lib/outbox/types');
const { DB_NAME, db } = await import('../../web/src/lib/outbox/db');

const TARGET = { roundId: 'cds-2024', wardCode: '14815', villageCode: '14815-khu-pho-1' };
const body = (name: string): ResponseBody => ({
  ...TARGET,
  household: { head_name: name, address: 'B', fiber_broadband: false, internet_any: false, electricity_cashless: false, business_household: false },
  members: [{ birth_year: 2014, has_ehr: true }],
});
const stored = (b: ResponseBody, id: string, version: number): StoredResponse => ({
  ...b,
  id,
  version,
  channel: 'collector',
  createdBy: 'c2',
  createdAt: '2024-05-01T00:00:00Z',
  updatedAt: '2024-05-02T00:00:00Z',
});
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

beforeEach(async () => {
  vi.resetAllMocks();
  (await db()).clear('households');
});

describe('classifyFailure', () => {
  it.each([
    [0, 'network', 'retry'],
    [500, 'internal', 'retry'],
    [503, 'http_503', 'retry'],
    [429, 'http_429', 'retry'],
    [401, 'unauthorized', 'signin'],
    [409, 'version_conflict', 'conflict'],
    [409, 'version_required', 'conflict'],
    [409, 'deleted', 'rejected'],
    [400, 'invalid_request', 'rejected'],
    [403, 'round_closed', 'rejected'],
    [404, 'not_found', 'rejected'],
  ] as const)('%i %s → %s', (status, code, kind) => {
    expect(classifyFailure(status, code)).toBe(kind);
  });
});

describe('backoffDelay', () => {
  it('doubles from 1–2 s and stops at 5 min', () => {
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
  });
});

describe('sameBody', () => {
  it('ignores key order and undefined values', () => {
    const a = body('A');
    const b = { ...a, household: { ...Object.fromEntries(Object.entries(a.household).reverse()), phone: undefined } } as ResponseBody;
    expect(sameBody(a, b)).toBe(true);
    expect(sameBody(a, body('Z'))).toBe(false);
  });
});

describe('outbox store and upload', () => {
  it('keeps the database name the phones already have', () => {
    expect(DB_NAME).toBe('phieu');
  });

  it('uploads a waiting household once and records its version', async () => {
    // Prepare
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    api.putResponse.mockResolvedValue({ id, version: 1, created: true });
    // Act
    const outcome = await uploadOne('c1', id);
    // Assert
    expect(outcome).toBe('uploaded');
    expect(api.putResponse).toHaveBeenCalledWith(id, body('An'), undefined);
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'uploaded', version: 1, attempts: 0 });
  });

  it('keeps a household through a network failure, with backoff', async () => {
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    api.putResponse.mockRejectedValue(new ApiError(0, 'network', 'offline'));
    expect(await uploadOne('c1', id)).toBe('retry');
    const record = await store.getRecord('c1', id);
    expect(record).toMatchObject({ state: 'pending', attempts: 1, body: body('An') });
    expect(record!.nextAttemptAt).toBeGreaterThan(Date.now());
  });

  it('treats an expired session as "sign in again", never as a rejection', async () => {
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    api.putResponse.mockRejectedValue(new ApiError(401, 'unauthorized', 'Bạn cần đăng nhập.'));
    expect(await uploadOne('c1', id)).toBe('signin');
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', body: body('An') });
  });

  it('keeps a rejected household with the server reason and field messages', async () => {
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    const issues = [{ path: 'villageCode', message: 'Thôn/khu phố không thuộc phường/xã đã chọn.' }];
    api.putResponse.mockRejectedValue(new ApiError(400, 'invalid_request', 'Dữ liệu không hợp lệ.', issues));
    expect(await uploadOne('c1', id)).toBe('rejected');
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'rejected', body: body('An'), rejection: { status: 400, issues } });
    // Fixed and saved again: waiting once more, the old reason gone.
    await store.commitAnswers('c1', id, TARGET, body('An 2'));
    const record = await store.getRecord('c1', id);
    expect(record).toMatchObject({ state: 'pending' });
    expect(record!.rejection).toBeUndefined();
  });

  it('turns a 409 into a conflict holding both versions; keeping mine re-sends at their version', async () => {
    const id = newId();
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An'), id, 1)], false);
    await store.commitAnswers('c1', id, TARGET, body('An (mine)'));
    api.putResponse.mockRejectedValue(new ApiError(409, 'version_conflict', 'conflict', [], 2));
    api.getResponse.mockResolvedValue(stored(body('An (theirs)'), id, 2));
    expect(await uploadOne('c1', id)).toBe('conflict');
    expect(api.putResponse).toHaveBeenCalledWith(id, body('An (mine)'), 1);
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'conflict', body: body('An (mine)'), theirs: { version: 2 } });
    await store.resolveConflict('c1', id, 'mine');
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', version: 2, body: body('An (mine)') });
  });

  it('taking their version drops mine and marks it uploaded', async () => {
    const id = newId();
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An'), id, 1)], false);
    await store.commitAnswers('c1', id, TARGET, body('An (mine)'));
    api.putResponse.mockRejectedValue(new ApiError(409, 'version_conflict', 'conflict', [], 2));
    api.getResponse.mockResolvedValue(stored(body('An (theirs)'), id, 2));
    await uploadOne('c1', id);
    await store.resolveConflict('c1', id, 'theirs');
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'uploaded', version: 2, body: body('An (theirs)') });
  });

  it('recognises its own upload whose answer was lost (no conflict, no second household)', async () => {
    // Prepare: the first upload reaches the server, its answer is lost; an edit is made meanwhile.
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    api.putResponse.mockRejectedValueOnce(new ApiError(0, 'network', 'lost'));
    await uploadOne('c1', id);
    await store.commitAnswers('c1', id, TARGET, body('An 2'));
    // Act: the next upload (no version: the phone never heard of version 1) meets "version required";
    // the server holds exactly the body sent first.
    api.putResponse.mockRejectedValueOnce(new ApiError(409, 'version_required', 'v', [], 1));
    api.getResponse.mockResolvedValue(stored(body('An'), id, 1));
    api.putResponse.mockResolvedValueOnce({ id, version: 2, created: false });
    // Assert: the edit is re-sent at version 1, no conflict shown.
    expect(await uploadOne('c1', id)).toBe('uploaded');
    expect(api.putResponse).toHaveBeenLastCalledWith(id, body('An 2'), 1);
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'uploaded', version: 2, body: body('An 2') });
  });

  it('still shows a conflict when the server holds a body this phone never sent', async () => {
    const id = newId();
    await store.commitAnswers('c1', id, TARGET, body('An'));
    api.putResponse.mockRejectedValueOnce(new ApiError(409, 'version_required', 'v', [], 1));
    api.getResponse.mockResolvedValue(stored(body('Someone else'), id, 1));
    expect(await uploadOne('c1', id)).toBe('conflict');
  });

  it('keeps drafts and unsent households per account', async () => {
    const id = newId();
    await store.saveDraft('c1', id, TARGET, { household: { head_name: 'Nửa chừng' }, members: [] });
    expect(await store.getRecord('c2', id)).toBeUndefined();
    const draft = await store.getRecord('c1', id);
    expect(draft).toMatchObject({ state: 'draft' });
    expect(isUnsent(draft!)).toBe(true);
    await store.discardDraft('c1', id);
    expect(await store.getRecord('c1', id)).toBeUndefined();
  });

  it('never lets the server list overwrite a waiting edit, and forgets households deleted elsewhere', async () => {
    const [kept, gone] = [newId(), newId()];
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('Kept'), kept, 1), stored(body('Gone'), gone, 1)], true);
    await store.commitAnswers('c1', kept, TARGET, body('Kept (edited offline)'));
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('Kept'), kept, 1)], true);
    expect(await store.getRecord('c1', kept)).toMatchObject({ state: 'pending', version: 1, body: body('Kept (edited offline)') });
    expect(await store.getRecord('c1', gone)).toBeUndefined();
  });

  it('keeps a draft on the version it was begun from when the server moves on, so committing it meets a conflict', async () => {
    // Prepare: version 1 on the phone, an edit begun (a draft); another collector saves version 2.
    const id = newId();
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An'), id, 1)], false);
    await store.saveDraft('c1', id, TARGET, { household: { head_name: 'An (mine, half done)' }, members: [] });
    // Act
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An (theirs)'), id, 2)], true);
    // Assert: the server copy is known, the draft and the version it was based on stay.
    expect(await store.getRecord('c1', id)).toMatchObject({
      state: 'uploaded',
      version: 1,
      body: body('An'),
      server: { version: 2 },
      draft: { household: { head_name: 'An (mine, half done)' } },
    });
    // Completing the draft uploads at version 1: the server answers 409 and the collector chooses.
    await store.commitAnswers('c1', id, TARGET, body('An (mine)'));
    api.putResponse.mockRejectedValue(new ApiError(409, 'version_conflict', 'conflict', [], 2));
    api.getResponse.mockResolvedValue(stored(body('An (theirs)'), id, 2));
    expect(await uploadOne('c1', id)).toBe('conflict');
    expect(api.putResponse).toHaveBeenCalledWith(id, body('An (mine)'), 1);
  });

  it('takes the newer server copy once the draft is dropped', async () => {
    const id = newId();
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An'), id, 1)], false);
    await store.saveDraft('c1', id, TARGET, { household: { head_name: 'Bỏ dở' }, members: [] });
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('An (theirs)'), id, 2)], false);
    await store.discardDraft('c1', id);
    expect(await store.getRecord('c1', id)).toMatchObject({ state: 'uploaded', version: 2, body: body('An (theirs)') });
  });

  it('queues a delete of an uploaded household and forgets a never-uploaded one at once', async () => {
    const [uploaded, local] = [newId(), newId()];
    await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('Up'), uploaded, 3)], false);
    await store.commitAnswers('c1', local, TARGET, body('Local'));
    await store.queueDelete('c1', local);
    expect(await store.getRecord('c1', local)).toBeUndefined();
    await store.queueDelete('c1', uploaded);
    expect(await store.getRecord('c1', uploaded)).toMatchObject({ state: 'pending', deleting: true });
    api.deleteResponse.mockResolvedValue(undefined);
    expect(await uploadOne('c1', uploaded)).toBe('uploaded');
    expect(api.deleteResponse).toHaveBeenCalledWith(uploaded, 3);
    expect(await store.getRecord('c1', uploaded)).toBeUndefined();
  });

  describe('deleting a new household whose upload was never confirmed', () => {
    /** A new household whose first upload reached the server or not: its answer was lost. */
    async function sentWithoutAnswer(name: string) {
      const id = newId();
      await store.commitAnswers('c1', id, TARGET, body(name));
      api.putResponse.mockRejectedValueOnce(new ApiError(0, 'network', 'lost'));
      await uploadOne('c1', id);
      return id;
    }

    it('is queued (not forgotten), and forgotten once the server says it never had it', async () => {
      const id = await sentWithoutAnswer('An');
      await store.queueDelete('c1', id);
      expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', deleting: true });
      api.getResponse.mockRejectedValue(new ApiError(404, 'not_found', 'not found'));
      expect(await uploadOne('c1', id)).toBe('uploaded');
      expect(api.deleteResponse).not.toHaveBeenCalled();
      expect(await store.getRecord('c1', id)).toBeUndefined();
    });

    it('deletes it on the server at the version the server reports when the upload had landed', async () => {
      const id = await sentWithoutAnswer('An');
      await store.queueDelete('c1', id);
      api.getResponse.mockResolvedValue(stored(body('An'), id, 1));
      api.deleteResponse.mockResolvedValue(undefined);
      expect(await uploadOne('c1', id)).toBe('uploaded');
      expect(api.deleteResponse).toHaveBeenCalledWith(id, 1);
      expect(await store.getRecord('c1', id)).toBeUndefined();
    });

    it('keeps the delete waiting when the server cannot be read now', async () => {
      const id = await sentWithoutAnswer('An');
      await store.queueDelete('c1', id);
      api.getResponse.mockRejectedValue(new ApiError(0, 'network', 'offline'));
      expect(await uploadOne('c1', id)).toBe('retry');
      expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', deleting: true, attempts: 1 });
    });

    it('shows a conflict when someone else changed it after it landed', async () => {
      const id = await sentWithoutAnswer('An');
      await store.queueDelete('c1', id);
      api.getResponse.mockResolvedValue(stored(body('Someone else'), id, 2));
      expect(await uploadOne('c1', id)).toBe('conflict');
      expect(api.deleteResponse).not.toHaveBeenCalled();
      expect(await store.getRecord('c1', id)).toMatchObject({ state: 'conflict', deleting: true, theirs: { version: 2 } });
    });

    it('deletes after an upload that was still on its way when the delete was queued', async () => {
      const id = newId();
      await store.commitAnswers('c1', id, TARGET, body('An'));
      let answer!: (value: { id: string; version: number; created: boolean }) => void;
      api.putResponse.mockReturnValue(new Promise((resolve) => (answer = resolve)));
      const uploading = uploadOne('c1', id);
      await vi.waitFor(() => expect(api.putResponse).toHaveBeenCalled());
      await store.queueDelete('c1', id);
      answer({ id, version: 1, created: true });
      await uploading;
      expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', deleting: true, version: 1 });
      api.deleteResponse.mockResolvedValue(undefined);
      expect(await uploadOne('c1', id)).toBe('uploaded');
      expect(api.deleteResponse).toHaveBeenCalledWith(id, 1);
    });

    it('still deletes when the answers on their way are refused', async () => {
      const id = await sentWithoutAnswer('An');
      let answer!: (error: unknown) => void;
      api.putResponse.mockReturnValueOnce(new Promise((_, fail) => (answer = fail)));
      const uploading = uploadOne('c1', id);
      await vi.waitFor(() => expect(api.putResponse).toHaveBeenCalledTimes(2));
      await store.queueDelete('c1', id);
      answer(new ApiError(403, 'round_closed', 'closed'));
      await uploading;
      expect(await store.getRecord('c1', id)).toMatchObject({ state: 'pending', deleting: true });
    });

    it('forgets a household the server already deleted or no longer has', async () => {
      const [gone, deleted] = [newId(), newId()];
      await store.rememberServerPage('c1', TARGET.villageCode, TARGET.roundId, [stored(body('Gone'), gone, 1), stored(body('Deleted'), deleted, 1)], false);
      await store.queueDelete('c1', gone);
      await store.queueDelete('c1', deleted);
      api.deleteResponse.mockRejectedValueOnce(new ApiError(404, 'not_found', 'not found'));
      expect(await uploadOne('c1', gone)).toBe('uploaded');
      api.deleteResponse.mockRejectedValueOnce(new ApiError(409, 'deleted', 'deleted'));
      expect(await uploadOne('c1', deleted)).toBe('uploaded');
      expect(await store.getRecord('c1', gone)).toBeUndefined();
      expect(await store.getRecord('c1', deleted)).toBeUndefined();
    });
  });
});
