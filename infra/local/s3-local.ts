// The local stand-in for S3: s3rver (an S3-compatible server from npm) on a free loopback port, files in a
// temporary directory removed at stop (or a kept one, with `--persist`). Export jobs write and presign through the same S3 code as in AWS.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client } from '../../functions/lib/storage/export-files';
import { freePort } from './free-port';

/** s3rver's fixed key pair. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_EXPORTS_BUCKET = 'phieu-exports';

export interface S3Local {
  endpoint: string;
  client: S3Client;
  stop(): Promise<void>;
}

export async function startS3Local({ buckets = [LOCAL_EXPORTS_BUCKET], keepIn }: { buckets?: string[]; keepIn?: string } = {}): Promise<S3Local> {
  if (keepIn) mkdirSync(keepIn, { recursive: true, mode: 0o700 });
  const directory = keepIn ?? mkdtempSync(join(tmpdir(), 'phieu-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  for (const bucket of buckets) {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
      // A kept folder already has it.
      if (!/^BucketAlready(Exists|OwnedByYou)$/.test((error as { name?: string }).name ?? '')) throw error;
    });
  }
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await server.close();
      if (!keepIn) rmSync(directory, { recursive: true, force: true });
    },
  };
}
