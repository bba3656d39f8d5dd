// The short code of a self-report link as people see and type it: 12 Crockford base32 characters (60 bits),
// printed in groups of four (`7KQM-4X92-PABC`). Typed back, case, dashes and spaces do not matter, and the
// letters people confuse with digits (I, L → 1; O → 0) are read as the digits, as Crockford's alphabet intends.
// Shared by the API (which derives and resolves codes) and the web app (which checks what a person typed).

/** Crockford's base32: digits and letters without I, L, O and U. */
export const LINK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_CODE_LENGTH = 12;

/** `7KQM4X92PABC` → `7KQM-4X92-PABC`. */
export function formatLinkCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** A typed code in canonical form, or undefined when it cannot be one (wrong length or a character outside the alphabet). */
export function normalizeLinkCode(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== LINK_CODE_LENGTH || [...code].some((char) => !LINK_CODE_ALPHABET.includes(char))) return undefined;
  return code;
}
