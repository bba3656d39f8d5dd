// A tiny detached process that stops a child (DynamoDB Local's Java) when the Node process that started it is
// gone, however it went: `process.on('exit')` does not run on SIGKILL or a crash of the runtime, the watchdog does.
import { spawn } from 'node:child_process';

/** Polls both pids once a second: the parent gone → SIGKILL the child; the child gone → the watchdog ends. */
const WATCHDOG = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 1000);
`;

export function watchChild(childPid: number, parentPid: number = process.pid): void {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(parentPid), String(childPid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}
