// A tiny detached process that stops a child (DynamoDB Local's Java) when the Node process that started it is
// gone, however it went: `process.on('exit')` does not run on SIGKILL, an unhandled signal or a crash of the
// runtime; the watchdog does. It learns of the parent's death from a pipe: the kernel closes the parent's end when
// the parent dies, whatever killed it, so the watchdog hears it at once (a pid poll alone would miss a parent left
// as a zombie, and could be fooled by a reused pid). A once-a-second poll of both pids is the fallback.
import { spawn } from 'node:child_process';

const WATCHDOG = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const stopChild = () => { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); };
process.stdin.on('end', stopChild);
process.stdin.on('error', stopChild);
process.stdin.resume();
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) stopChild();
}, 1000);
`;

/** Starts the watchdog of `childPid`; returns its pid. */
export function watchChild(childPid: number, parentPid: number = process.pid): number | undefined {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(parentPid), String(childPid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  // Neither the watchdog nor our end of its pipe keeps this process alive; the pipe closes when this process ends.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return watchdog.pid;
}
