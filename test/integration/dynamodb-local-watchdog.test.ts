// DynamoDB Local's Java process must not outlive its parent, however the parent dies: SIGKILL, a signal it does not
// handle, a crash, or a SIGKILL while its own parent never reaps it (a zombie still answers a pid check).
import { type ChildProcess, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const PARENT = `
import { startDynamoDbLocal } from './infra/local/dynamodb-local.ts';
const ddb = await startDynamoDbLocal();
const { running } = await import('./infra/local/dynamodb-local.ts');
console.log('JAVA_PID=' + [...running][0].pid + ' NODE_PID=' + process.pid);
if (process.env.CRASH) setTimeout(() => { throw new Error('crash'); }, 200);
setInterval(() => {}, 1000);
`;

/** Starts a Node parent running DynamoDB Local; resolves with its pid and the Java pid. */
function startParent(wrapper?: 'zombie', env: Record<string, string> = {}): Promise<{ shell: ChildProcess; nodePid: number; javaPid: number }> {
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', PARENT];
  // The zombie case: sh starts node in the background and becomes `sleep`, which never reaps it.
  const shell =
    wrapper === 'zombie'
      ? spawn('sh', ['-c', '"$NODE" --import tsx --input-type=module -e "$PARENT" & exec sleep 60'], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, NODE: process.execPath, PARENT, ...env },
        })
      : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    shell.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /JAVA_PID=(\d+) NODE_PID=(\d+)/.exec(out);
      if (match) resolve({ shell, javaPid: Number(match[1]), nodePid: Number(match[2]) });
    });
    shell.once('exit', () => reject(new Error(`parent exited early: ${out}`)));
  });
}

async function expectGone(pid: number) {
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(alive(pid)).toBe(false);
}

describe('DynamoDB Local watchdog', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('stops the Java process when its parent gets %s', async (signal) => {
    const { shell, javaPid } = await startParent();
    expect(alive(javaPid)).toBe(true);
    shell.kill(signal);
    await expectGone(javaPid);
  });

  it('stops the Java process when its parent crashes', async () => {
    const { javaPid } = await startParent(undefined, { CRASH: '1' });
    await expectGone(javaPid);
  });

  it('stops the Java process at once when its SIGKILLed parent is left a zombie', async () => {
    const { shell, nodePid, javaPid } = await startParent('zombie');
    try {
      process.kill(nodePid, 'SIGKILL');
      // Unreaped, the parent still answers a pid check: only the closed pipe tells the watchdog.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(alive(nodePid)).toBe(true);
      await expectGone(javaPid);
    } finally {
      shell.kill('SIGKILL');
    }
  });
});
