// Export files kept in memory, for API tests: what the worker wrote, readable back through the "download link".
import type { ExportFiles } from '../../functions/lib/storage/export-files';

export interface MemoryExportFiles extends ExportFiles {
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** The bytes behind a link from downloadUrl. */
  download(url: string): Buffer | undefined;
  /** Makes the next writes fail with this message (storage down). */
  failWith?: string;
}

export function createMemoryExportFiles(): MemoryExportFiles {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const files: MemoryExportFiles = {
    objects,
    async write(key, body, contentType) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      if (files.failWith) throw new Error(files.failWith);
      objects.set(key, { body: Buffer.concat(chunks), contentType });
    },
    async downloadUrl(key, fileName, expiresInSeconds) {
      return `memory://exports/${encodeURIComponent(key)}?name=${encodeURIComponent(fileName)}&expires=${expiresInSeconds}`;
    },
    download(url) {
      const key = decodeURIComponent(new URL(url).pathname.slice(1));
      return objects.get(key)?.body;
    },
  };
  return files;
}
