// Contract cases of the export jobs store, run inside the repository contract (memory fake and DynamoDB Local).
import { describe, expect, it } from 'vitest';
import type { ExportJobRecord, Repository } from '../../functions/lib/repo/types';

function job(id: string, overrides: Partial<ExportJobRecord> = {}): ExportJobRecord {
  return {
    id,
    roundId: 'contract-round',
    kind: 'responses',
    shape: 'long',
    format: 'csv',
    gzip: false,
    areaCode: '38',
    dataVersion: 'v1',
    status: 'queued',
    rows: 0,
    bytes: 0,
    fileKey: `exports/contract-round/${id}.csv`,
    fileName: 'phieu.csv',
    createdBy: 'admin',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  };
}

export function describeExportJobsContract(repo: () => Repository): void {
  describe('export jobs', () => {
    it('creates a job once: a second create of the same id is refused with the stored job', async () => {
      const first = job('j-1');
      expect(await repo().exportJobs.create(first)).toEqual({ ok: true });
      expect(await repo().exportJobs.get('j-1')).toEqual(first);
      const again = await repo().exportJobs.create(job('j-1', { createdBy: 'someone-else' }));
      expect(again).toEqual({ ok: false, current: first });
      expect(await repo().exportJobs.get('missing')).toBeUndefined();
    });

    it('records progress and the outcome, leaving the other fields', async () => {
      await repo().exportJobs.create(job('j-2'));
      await repo().exportJobs.update('j-2', { status: 'running', rows: 500, bytes: 1234, updatedAt: '2026-11-20T08:01:00.000Z' });
      await repo().exportJobs.update('j-2', { status: 'failed', error: 'disk on fire', finishedAt: 'f', updatedAt: '2026-11-20T08:02:00.000Z' });
      expect(await repo().exportJobs.get('j-2')).toEqual(
        job('j-2', { status: 'failed', rows: 500, bytes: 1234, error: 'disk on fire', finishedAt: 'f', updatedAt: '2026-11-20T08:02:00.000Z' }),
      );
      await expect(repo().exportJobs.update('nobody', { status: 'running', updatedAt: 'x' })).rejects.toThrow();
      expect(await repo().exportJobs.get('nobody')).toBeUndefined();
    });

    it('replaces a job only when it was not written since it was read', async () => {
      await repo().exportJobs.create(job('j-3', { status: 'failed' }));
      const fresh = job('j-3', { createdAt: '2026-11-21T08:00:00.000Z', updatedAt: '2026-11-21T08:00:00.000Z' });
      const stale = await repo().exportJobs.replace(fresh, '2026-11-19T00:00:00.000Z');
      expect(stale.ok).toBe(false);
      expect(await repo().exportJobs.replace(fresh, '2026-11-20T08:00:00.000Z')).toEqual({ ok: true });
      expect(await repo().exportJobs.get('j-3')).toEqual(fresh);
    });

    it('counts response changes per round', async () => {
      expect(await repo().exportJobs.responseChanges('round-a')).toBe(0);
      await repo().exportJobs.addResponseChanges('round-a', 3);
      await repo().exportJobs.addResponseChanges('round-a', 2);
      await repo().exportJobs.addResponseChanges('round-b', 1);
      expect(await repo().exportJobs.responseChanges('round-a')).toBe(5);
      expect(await repo().exportJobs.responseChanges('round-b')).toBe(1);
    });
  });
}
