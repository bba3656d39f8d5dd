// Where the running local app (`npm start`) listens, published for the operator CLIs: start.ts writes
// .local/server.json (its URL and process id) and removes it on stop, so `npm run seed:demo` finds the app on
// whatever PORT it was started with. A file left by a process that is gone counts as no app.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const SERVER_FILE = resolve(import.meta.dirname, '../../.local/server.json');

export interface PublishedServer {
  url: string;
  pid: number;
  startedAt: string;
}

/** Written by `npm start` once the app listens. */
export function publishServer(url: string, file = SERVER_FILE, pid = process.pid): void {
  mkdirSync(dirname(file), { recursive: true });
  const server: PublishedServer = { url, pid, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(server, null, 2)}\n`);
}

/** Removed by `npm start` when it stops (only its own file: a newer app may have replaced it). */
export function forgetServer(file = SERVER_FILE, pid = process.pid): void {
  if (readPublished(file)?.pid === pid) rmSync(file, { force: true });
}

function readPublished(file: string): PublishedServer | undefined {
  try {
    const server = JSON.parse(readFileSync(file, 'utf8')) as Partial<PublishedServer>;
    return typeof server.url === 'string' && typeof server.pid === 'number' ? (server as PublishedServer) : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running app's URL from the published file, or undefined when no app published one or it has stopped. */
export function runningServerUrl(file = SERVER_FILE, alive: (pid: number) => boolean = isRunning): string | undefined {
  const server = readPublished(file);
  return server && alive(server.pid) ? server.url : undefined;
}

/**
 * The base URL an operator CLI talks to: --url when given, else the PORT (and HOST) of its environment, else the
 * app `npm start` published; undefined when none of them names one.
 */
export function localAppUrl(options: { url?: string; env?: NodeJS.ProcessEnv; file?: string; alive?: (pid: number) => boolean } = {}): string | undefined {
  if (options.url) return options.url.replace(/\/$/, '');
  const env = options.env ?? process.env;
  if (env.PORT) return `http://${env.HOST ?? '127.0.0.1'}:${env.PORT}`;
  return runningServerUrl(options.file, options.alive);
}
