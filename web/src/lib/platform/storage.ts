// What the web app keeps on the device between visits: the session, the language, the last village.
// localStorage can throw (private mode, quota); every access degrades to "nothing stored".
import type { Role, SessionResponse } from '@shared/api/contract';
import type { Lang } from '@shared/survey/form';

const KEYS = { session: 'phieu.session', lang: 'phieu.lang', village: 'phieu.village', round: 'phieu.round' } as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the app works for this visit without persistence.
  }
}

export type Session = SessionResponse;

/** The stored session, or null when there is none or it no longer has the expected shape. */
export function loadSession(): Session | null {
  const raw = read(KEYS.session);
  if (!raw) return null;
  try {
    const stored: unknown = JSON.parse(raw);
    return isSession(stored) ? stored : null;
  } catch {
    return null;
  }
}

/**
 * The shape check of a stored session, by hand: the API client parsed it with the contract's schema when it came
 * from the server; this only refuses what an older app version or another tool left (and keeps zod out of the
 * app's first download).
 */
/** Every role, checked against the contract's type by the compiler (a value import would bring zod along). */
const ROLES: Record<Role, true> = { admin: true, official: true, collector: true };

function isSession(value: unknown): value is Session {
  const session = value as Partial<Session> | null;
  const user = session?.user as Partial<Session['user']> | undefined;
  return (
    typeof session?.token === 'string' &&
    typeof user?.username === 'string' &&
    typeof user.role === 'string' &&
    Object.hasOwn(ROLES, user.role) &&
    Array.isArray(user.areas) &&
    user.areas.every((code) => typeof code === 'string')
  );
}

export function saveSession(session: Session | null): void {
  write(KEYS.session, session ? JSON.stringify(session) : null);
}

/** Vietnamese unless English was chosen on this device. */
export function loadLang(): Lang {
  return read(KEYS.lang) === 'en' ? 'en' : 'vi';
}

export function saveLang(lang: Lang): void {
  write(KEYS.lang, lang);
}

export function loadVillage(): string | null {
  return read(KEYS.village);
}

export function saveVillage(code: string | null): void {
  write(KEYS.village, code);
}

/** The round the collector chose when several are open. */
export function loadRoundChoice(): string | null {
  return read(KEYS.round);
}

export function saveRoundChoice(id: string | null): void {
  write(KEYS.round, id);
}

/** A published questionnaire version, as the API sent it (published versions never change: no expiry). */
export function loadDefinitionText(surveyId: string, version: number): string | null {
  return read(`phieu.survey.${surveyId}.${version}`);
}

export function saveDefinitionText(surveyId: string, version: number, text: string): void {
  write(`phieu.survey.${surveyId}.${version}`, text);
}
