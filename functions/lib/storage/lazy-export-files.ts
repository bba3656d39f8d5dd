// The exports bucket behind import(): the S3 client, multipart upload and presigner are a large part of a bundle
// and only some calls use them (a download link, a job's file), so a cold start does not read or evaluate them.
import type { ExportFiles } from './export-files';

/** createS3ExportFiles(createS3Client(), bucket), loaded on the first call. */
export function lazyExportFiles(bucket: string): ExportFiles {
  let files: Promise<ExportFiles> | undefined;
  const load = () => (files ??= import('./export-files').then((m) => m.createS3ExportFiles(m.createS3Client(), bucket)));
  return {
    write: async (key, body, contentType) => (await load()).write(key, body, contentType),
    downloadUrl: async (key, fileName, expiresInSeconds) => (await load()).downloadUrl(key, fileName, expiresInSeconds),
  };
}
