// Text folded for matching: without diacritics (đ as d), lower case, single spaces. Pure and free of zod, so the
// web app's first download can search households with it.

/** "  Nguyễn  Văn Đức " → "nguyen van duc". */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
