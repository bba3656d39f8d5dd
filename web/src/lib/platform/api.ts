// The one HTTP client of the web app: adds the bearer token and Accept-Language, parses every answer with
// the contract's schemas and turns error bodies into ApiError (status, code, message, field issues). The schemas
// (and zod) are a chunk of their own, loaded with the first answer to parse: out of a collector's first download.
// ID tokens are short (15 minutes): when the server refuses ours, the client renews it once from the refresh
// cookie (POST /api/session/refresh, which page scripts cannot read) and repeats the call; only a refused refresh
// reaches onUnauthorized, i.e. "sign in again". A failed renewal for lack of network is a network error.

import type { AggregateLevel, SessionResponse } from '@shared/api/contract';
import type { CreateLinksRequest } from '@shared/api/links';
import { translate } from '@shared/i18n/dictionary';
import type { Lang } from '@shared/survey/form';
import type { ResponseBody } from '@shared/survey/schema';
import type { FieldIssue } from '@shared/survey/validate';
import type * as z from 'zod/mini';
import { filenameFromContentDisposition } from './download';
import { loadLang, loadSession, saveSession } from './storage';

type Schemas = typeof import('./api-schemas');
/** The schemas' chunk, loaded once, with the first answer to parse. */
const schemas = (): Promise<Schemas> => import('./api-schemas');

/** A schema now, or one of the lazily loaded contract schemas (`(s) => s.StoredResponseSchema`). */
export type SchemaRef<T> = z.ZodMiniType<T> | ((loaded: Schemas) => z.ZodMiniType<T>);

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** The version the server holds, sent with a 409. */
    readonly currentVersion?: number,
    /** The challenge to answer with the authenticator code, sent with a 401 `mfa_required`. */
    readonly mfaSession?: string,
    /** The response that already counts this household, sent with a 409 `household_already_answered`. */
    readonly existingId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiConfig {
  token: () => string | null;
  lang: () => Lang;
  /** Called when the server rejects the token (401 on an authenticated call) and refuses to renew it. */
  onUnauthorized?: () => void;
  /** Called with the renewed session after a silent refresh (the app stores it). */
  onRefreshed?: (session: SessionResponse) => void;
  /** Renew a refused token from the refresh cookie before giving up (default true). */
  refresh?: boolean;
  fetch?: typeof fetch;
  baseUrl?: string;
}

interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (e.g. CSV text) instead of as JSON. */
  text?: { body: string | Blob; contentType: string };
  ifMatch?: number;
  query?: Record<string, string | undefined>;
  accept?: string;
  auth?: boolean;
  /** The token to send instead of config.token() (the retry after a refresh). */
  token?: string;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Builds the client; the app uses the `api` instance below, tests pass their own fetch. */
export function createApiClient(config: ApiConfig) {
  const fetchFn = config.fetch ?? ((input, init) => fetch(input, init));
  const base = config.baseUrl ?? '';

  async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const lang = config.lang();
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', 'Accept-Language': lang };
    const token = options.token ?? config.token();
    if (options.auth !== false && token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.text) headers['Content-Type'] = options.text.contentType;
    if (options.ifMatch !== undefined) headers['If-Match'] = String(options.ifMatch);
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.set(key, value);
    const search = query.toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;
    try {
      return await fetchFn(url, {
        method,
        headers,
        body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw new ApiError(0, 'network', translate(lang, 'ui.error.network'));
    }
  }

  let refreshing: Promise<SessionResponse | null> | undefined;
  /** One renewal at a time, shared by every call that was refused meanwhile: the session, or null when refused. */
  function renew(): Promise<SessionResponse | null> {
    refreshing ??= (async () => {
      try {
        const response = await send('POST', '/api/session/refresh', { auth: false });
        if (response.status === 401) return null;
        if (!response.ok) throw await errorFrom(response, config.lang());
        const session = await json((s) => s.SessionResponseSchema, response);
        config.onRefreshed?.(session);
        return session;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    let response = await send(method, path, options);
    const authenticated = options.auth !== false;
    if (response.status === 401 && authenticated && config.refresh !== false) {
      // A renewal that fails without being refused (no network, a throttle, a server fault) is a passing fault
      // for the caller, never a refusal of its own request: the outbox keeps the household and retries.
      const session = await renew().catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 0) throw error;
        throw new ApiError(503, 'refresh_unavailable', translate(config.lang(), 'error.internal'));
      });
      if (session) response = await send(method, path, { ...options, token: session.token });
    }
    if (response.ok) return response;
    const error = await errorFrom(response, config.lang());
    if (response.status === 401 && authenticated) config.onUnauthorized?.();
    throw error;
  }

  async function json<T>(schema: SchemaRef<T>, response: Response): Promise<T> {
    const [body, loaded] = await Promise.all([response.json().catch(() => undefined), typeof schema === 'function' ? schemas() : undefined]);
    const parsed = (typeof schema === 'function' ? schema(loaded as Schemas) : schema).safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, 'unexpected_response', translate(config.lang(), 'ui.error.unexpected_response'));
    return parsed.data;
  }

  return {
    /** Signs in; an account with an authenticator app answers ApiError `mfa_required` carrying `mfaSession`. */
    async createSession(username: string, password: string) {
      return json((s) => s.SessionResponseSchema, await request('POST', '/api/session', { body: { username, password }, auth: false }));
    },
    /** The second step of a sign-in with an authenticator app: the 6-digit code and the challenge from step one. */
    async answerMfa(username: string, session: string, code: string) {
      return json((s) => s.SessionResponseSchema, await request('POST', '/api/session', { body: { username, session, code }, auth: false }));
    },
    /** Renews the ID token from the refresh cookie: the session, or null when the server refuses (sign in again). */
    refreshSession: renew,
    /** Signs out on this device: the server drops the refresh cookie (and revokes it where it can). */
    async endSession() {
      await request('DELETE', '/api/session', { auth: false });
    },
    /** The area list; `level`, `parent` and `areaSet` narrow it where the server reads them (else it is whole). */
    async listAreas(query: { areaSet?: string; level?: string; parent?: string } = {}) {
      return (await json((s) => s.AreasResponseSchema, await request('GET', '/api/areas', { query }))).areas;
    },
    async listRounds() {
      return (await json((s) => s.RoundViewsSchema, await request('GET', '/api/rounds'))).rounds;
    },
    /** A published questionnaire version as text (kept as it is on the device; the form parses it). */
    async getSurveyDefinitionText(surveyId: string, version: number) {
      return (await request('GET', `/api/forms/${encodeURIComponent(surveyId)}/${version}`)).text();
    },
    async listResponses(query: { roundId: string; wardCode: string; villageCode?: string; cursor?: string }) {
      return json((s) => s.ResponsesPageSchema, await request('GET', '/api/responses', { query }));
    },
    async getResponse(id: string) {
      return json((s) => s.StoredResponseSchema, await request('GET', `/api/responses/${encodeURIComponent(id)}`));
    },
    /** Creates (no version) or replaces (the version it was read at) one household response. */
    async putResponse(id: string, body: ResponseBody, version?: number) {
      const response = await request('PUT', `/api/responses/${encodeURIComponent(id)}`, { body, ifMatch: version });
      return { ...(await json((s) => s.PutResponseResultSchema, response)), created: response.status === 201 };
    },
    async deleteResponse(id: string, version: number) {
      await request('DELETE', `/api/responses/${encodeURIComponent(id)}`, { ifMatch: version });
    },
    /** The CSV download as a blob, with the file name the server suggests. */
    async aggregatesCsv(roundId: string, level: AggregateLevel) {
      const response = await request('GET', '/api/aggregates.csv', { query: { roundId, level }, accept: 'text/csv' });
      const filename = filenameFromContentDisposition(response.headers.get('content-disposition'), `phieu-aggregates-${roundId}.csv`);
      return { blob: await response.blob(), filename };
    },
    // Officials' tools: their calls live in officials-api.ts (a lazy chunk) and go through these two.
    request,
    json,
    // ---- self-report links ----
    async createLinks(links: CreateLinksRequest) {
      return (await json((s) => s.LinksResponseSchema, await request('POST', '/api/links', { body: links }))).links;
    },
    /** One page of a village's links, oldest first; `nextCursor` null on the last page. */
    async listLinks(query: { roundId: string; wardCode: string; villageCode: string; cursor?: string }) {
      const page = await json((s) => s.LinksResponseSchema, await request('GET', '/api/links', { query }));
      return { links: page.links, nextCursor: page.nextCursor ?? null };
    },
    async revokeLink(token: string) {
      await request('DELETE', `/api/links/${encodeURIComponent(token)}`);
    },
    /** The token of a typed short code (no session: the code is the credential). */
    async openSelfCode(code: string) {
      return json((s) => s.SelfCodeAnswerSchema, await request('GET', `/api/self/code/${encodeURIComponent(code)}`, { auth: false }));
    },
    /** A household's own form through its link: the link is the credential, never the device's session. */
    async getSelf(token: string) {
      return json((s) => s.SelfFormSchema, await request('GET', `/api/self/${encodeURIComponent(token)}`, { auth: false }));
    },
    async putSelf(token: string, body: unknown, version?: number) {
      const response = await request('PUT', `/api/self/${encodeURIComponent(token)}`, { body, ifMatch: version, auth: false });
      return { ...(await json((s) => s.PutResponseResultSchema, response)), created: response.status === 201 };
    },
  };
}

async function errorFrom(response: Response, lang: Lang): Promise<ApiError> {
  // A schemas chunk that cannot load (a deploy replaced it) still leaves the status to explain the failure.
  const [data, loaded] = await Promise.all([response.json().catch(() => undefined) as Promise<unknown>, schemas().catch(() => undefined)]);
  const parsed = loaded?.ErrorBodySchema.safeParse(data);
  if (!parsed?.success) {
    const key = response.status >= 500 ? 'error.internal' : response.status === 401 ? 'error.unauthorized' : 'error.bad_request';
    return new ApiError(response.status, `http_${response.status}`, translate(lang, key));
  }
  const { code, message, issues } = parsed.data.error;
  const { currentVersion: current, session, existingId } = (data as { error: { currentVersion?: unknown; session?: unknown; existingId?: unknown } }).error;
  return new ApiError(
    response.status,
    code,
    message,
    issues ?? [],
    typeof current === 'number' ? current : undefined,
    typeof session === 'string' ? session : undefined,
    typeof existingId === 'string' ? existingId : undefined,
  );
}

const unauthorizedListeners = new Set<() => void>();
const refreshedListeners = new Set<(session: SessionResponse) => void>();

/** Subscribes to silent renewals of the session (already stored); returns the unsubscribe function. */
export function onSessionRefreshed(listener: (session: SessionResponse) => void): () => void {
  refreshedListeners.add(listener);
  return () => refreshedListeners.delete(listener);
}

/** Subscribes to "the server no longer accepts our token"; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** The app's client: token and language from what this device stored. */
export const api = createApiClient({
  token: () => loadSession()?.token ?? null,
  lang: loadLang,
  onUnauthorized: () => {
    for (const listener of unauthorizedListeners) listener();
  },
  onRefreshed: (session) => {
    saveSession(session);
    for (const listener of refreshedListeners) listener(session);
  },
});
