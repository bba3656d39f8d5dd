// Reading an admin's chosen file as text, for the imports (roster, area sets).

/** Excel's "CSV" (not "CSV UTF-8") writes Windows code pages: refuse rather than import mangled names. */
export async function readUtf8(file: Blob): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return undefined;
  }
}
