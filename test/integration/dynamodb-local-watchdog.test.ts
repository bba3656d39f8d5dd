// DynamoDB Local's Java process must not outlive its parent, even when the parent is SIGKILLed.
import { spawn } from 'node:child_process';
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
console.log('JAVA_PID=' + [...running][0].pid);
setInterval(() => {}, 1000);
`;

describe('DynamoDB Local watchdog', () => {
  it('stops the Java process when its parent is SIGKILLed', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    const javaPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /JAVA_PID=(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', () => reject(new Error(`parent exited early: ${out}`)));
    });
    expect(alive(javaPid)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(javaPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(javaPid)).toBe(false);
  });
});
