// Text a person typed, made safe to store and show: NFC-normalised (the same name typed on two phones compares
// and sorts the same) and free of characters that hide or reorder what others read. Pure: the web form and the
// API validate with the same rules, so a collector sees the refusal before uploading.
import * as z from 'zod/mini';

/**
 * C0/C1 controls (tab and newline too: every text field is one line), bidi embeddings/overrides U+202A–U+202E and
 * isolates U+2066–U+2069 (they make "Nguyễn Văn A" render as something else in an officials' table or a CSV), and
 * UTF-16 code units that are half a surrogate pair (they break JSON encoders and DynamoDB's UTF-8).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The same, but tab and line breaks allowed: CSV cells (a roster's address may span lines). */
const UNSAFE_MULTILINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return !(multiline ? UNSAFE_MULTILINE : UNSAFE).test(value);
}

/** The message key of the refusal; the error mapping and the form translate it. */
export const UNSAFE_TEXT_KEY = 'validation.unsafe_text';

/** Checks for a zod string: refuses unsafe characters with a field message, then NFC-normalises. */
export function safeTextChecks() {
  return [
    z.refine<string>((value) => isSafeText(value), { params: { key: UNSAFE_TEXT_KEY } }),
    z.overwrite<string>((value) => value.normalize('NFC')),
  ] as const;
}

/** A trimmed, safe, NFC-normalised line of text of 1 to `max` characters. */
export function safeText(max: number) {
  return z.string().check(z.trim(), ...safeTextChecks(), z.minLength(1), z.maxLength(max));
}

/** Codes and ids that travel in keys, URLs and link tokens: plain URL-safe characters, bounded. */
export const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;

export function codeId(max = 64) {
  return z.string().check(z.minLength(1), z.maxLength(max), z.regex(CODE_PATTERN));
}
