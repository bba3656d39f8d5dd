// Where finished exports go: an S3 bucket (or any S3-compatible server locally), written as a multipart upload
// from a stream so that memory stays flat whatever the file's size, and handed out as presigned GET links.
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface ExportFiles {
  /** Streams `body` into the object `key`; resolves once the object is complete. */
  write(key: string, body: Readable, contentType: string): Promise<void>;
  /** A link that downloads `key` as `fileName` for `expiresInSeconds`. */
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

/** 8 MiB parts, 2 in flight: at most ~16 MiB of a file is in memory at once (S3 allows 10,000 parts: 80 GB). */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

export function createS3Client(config: S3ClientConfig = {}): S3Client {
  // Checksums only where S3 requires them: S3-compatible local servers reject the newer default trailers.
  return new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', ...config });
}

export function createS3ExportFiles(s3: S3Client, bucket: string): ExportFiles {
  return {
    async write(key, body, contentType) {
      const upload = new Upload({
        client: s3,
        params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
      });
      await upload.done();
    },
    downloadUrl(key, fileName, expiresInSeconds) {
      const get = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${fileName}"` });
      return getSignedUrl(s3, get, { expiresIn: expiresInSeconds });
    },
  };
}
