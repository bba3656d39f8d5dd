// Page cursors as the API hands them out: the repository's cursor plus an HMAC over it and the query it pages,
// so a client can only pass back a cursor this deployment made for this very query. A crafted or altered cursor
// (the start key DynamoDB would be handed) is a 400 on `cursor`, never a 500 and never a read elsewhere.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { problem } from '../errors';
import type { LinkKeySource } from '../services/links/link-secret';

export const MAX_CURSOR_LENGTH = 1024;
const TAG_BYTES = 16;
const SHAPE = /^([A-Za-z0-9_-]{1,990})\.([A-Za-z0-9_-]{22})$/;
/** Domain separation: the link key signs cursors only under this context, so neither can pass for the other. */
const CONTEXT = 'phieu-page-cursor-v1.';

export interface CursorSigner {
  sign(cursor: string | undefined, scope: readonly (string | undefined)[]): Promise<string | undefined>;
  /** The repository's cursor inside a signed one; a 400 on `cursor` when it is not one made for `scope`. */
  open(signed: string | undefined, scope: readonly (string | undefined)[]): Promise<string | undefined>;
}

/** The keys a cursor may be signed with: the link key now, and before its last rotation (a page already open). */
async function keysOf(key: LinkKeySource): Promise<Uint8Array[]> {
  const keys = await key();
  if (keys instanceof Uint8Array) return [keys];
  return keys.previous ? [keys.current, keys.previous] : [keys.current];
}

export function cursorSigner(key: LinkKeySource): CursorSigner {
  const tagWith = (secret: Uint8Array, cursor: string, scope: readonly (string | undefined)[]) =>
    createHmac('sha256', secret)
      .update(CONTEXT)
      .update(JSON.stringify([...scope.map((part) => part ?? null), cursor]))
      .digest()
      .subarray(0, TAG_BYTES);
  const tagOf = async (cursor: string, scope: readonly (string | undefined)[]) => tagWith((await keysOf(key))[0], cursor, scope);
  const signedByAny = async (given: Buffer, cursor: string, scope: readonly (string | undefined)[]) =>
    (await keysOf(key)).map((secret) => timingSafeEqual(given, tagWith(secret, cursor, scope))).includes(true);
  return {
    async sign(cursor, scope) {
      if (cursor === undefined) return undefined;
      if (!/^[A-Za-z0-9_-]{1,990}$/.test(cursor)) throw new Error('repository cursors must be base64url');
      return `${cursor}.${(await tagOf(cursor, scope)).toString('base64url')}`;
    },
    async open(signed, scope) {
      if (signed === undefined) return undefined;
      const match = SHAPE.exec(signed);
      if (!match) throw problem.invalidField('cursor', 'validation.invalid_cursor');
      const [, cursor, tag] = match;
      const given = Buffer.from(tag, 'base64url');
      if (given.length !== TAG_BYTES || given.toString('base64url') !== tag || !(await signedByAny(given, cursor, scope)))
        throw problem.invalidField('cursor', 'validation.invalid_cursor');
      return cursor;
    },
  };
}
