// The local stack's two keys: the one that signs self-report links and the one that signs ID and refresh tokens.
// In memory (the default) both are made at start and die with the data. With `--persist <dir>` they are kept in
// files beside the data, readable by the owner only (0600), so links handed out and sessions signed in survive a
// restart exactly as the data does.

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { generateLocalTokenKey } from '../../functions/lib/auth/local-identity';
import { generatedLinkKey, type LinkKeySource } from '../../functions/lib/services/links/link-secret';

export const LINK_KEY_FILE = 'link-signing.key';
export const TOKEN_KEY_FILE = 'token-signing.jwk.json';
const OWNER_ONLY = 0o600;

export interface LocalKeys {
  linkKey: LinkKeySource;
  /** The token signing key; absent: the identity makes one for this process. */
  tokenKey?: JWK;
}

/** The file's content, or `create()`'s written with mode 0600 first; a file readable by others is narrowed to 0600. */
async function keptInFile(path: string, create: () => Promise<string>): Promise<string> {
  try {
    const text = readFileSync(path, 'utf8');
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = await create();
  // `wx`: never overwrite a key another start wrote meanwhile; the mode applies from creation, never world-readable.
  writeFileSync(path, text, { mode: OWNER_ONLY, flag: 'wx' });
  return text;
}

export async function localKeys(persistDir?: string): Promise<LocalKeys> {
  if (!persistDir) return { linkKey: generatedLinkKey() };
  mkdirSync(persistDir, { recursive: true, mode: 0o700 });
  const linkKeyText = await keptInFile(join(persistDir, LINK_KEY_FILE), async () => randomBytes(32).toString('base64'));
  const linkKey = new Uint8Array(Buffer.from(linkKeyText.trim(), 'base64'));
  if (linkKey.length < 32) throw new Error(`${join(persistDir, LINK_KEY_FILE)}: expected a base64 key of 32 bytes or more`);
  const tokenKey = JSON.parse(await keptInFile(join(persistDir, TOKEN_KEY_FILE), async () => JSON.stringify(await generateLocalTokenKey()))) as JWK;
  return { linkKey: async () => linkKey, tokenKey };
}
