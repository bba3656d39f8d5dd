// How `npm run seed:demo` finds the running app: --url, else PORT of its environment, else the address `npm start`
// published in .local/server.json while its process lives; a clear message when no app runs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../infra/local/seed-demo';
import { forgetServer, localAppUrl, publishServer, runningServerUrl } from '../../infra/local/server-address';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phieu-server-'));
  dirs.push(dir);
  return join(dir, '.local', 'server.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the published app address', () => {
  it('is what npm start wrote, while its process runs', () => {
    const file = tempFile();
    publishServer('http://127.0.0.1:4123', file, 4242);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ url: 'http://127.0.0.1:4123', pid: 4242 });
    expect(runningServerUrl(file, (pid) => pid === 4242)).toBe('http://127.0.0.1:4123');
    expect(runningServerUrl(file, () => false)).toBeUndefined();
  });

  it('is gone once npm start stops, and another process never removes it', () => {
    const file = tempFile();
    publishServer('http://127.0.0.1:4123', file, 4242);
    forgetServer(file, 1);
    expect(runningServerUrl(file, () => true)).toBe('http://127.0.0.1:4123');
    forgetServer(file, 4242);
    expect(runningServerUrl(file, () => true)).toBeUndefined();
  });
});

describe('localAppUrl', () => {
  it('takes --url first, then PORT (and HOST), then the published address', () => {
    const file = tempFile();
    publishServer('http://127.0.0.1:4123', file, 4242);
    const alive = () => true;
    expect(localAppUrl({ url: 'http://example.test:9/', env: { PORT: '5000' }, file, alive })).toBe('http://example.test:9');
    expect(localAppUrl({ env: { PORT: '5000' }, file, alive })).toBe('http://127.0.0.1:5000');
    expect(localAppUrl({ env: { PORT: '5000', HOST: '0.0.0.0' }, file, alive })).toBe('http://0.0.0.0:5000');
    expect(localAppUrl({ env: {}, file, alive })).toBe('http://127.0.0.1:4123');
    expect(localAppUrl({ env: {}, file: tempFile(), alive })).toBeUndefined();
  });
});

describe('seed:demo without a running app', () => {
  it('says to start it with npm start, with exit code 2, and sends nothing', async () => {
    const errors: string[] = [];
    const code = await main(
      ['--households', '1'],
      () => {},
      (text) => errors.push(text),
      () => undefined,
    );
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/No running app found: start it with `npm start`/);
  });
});
