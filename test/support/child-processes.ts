/**
 * Child processes for tests, each started in its own process group (`detached: true`), so that one
 * signal to the group reaches everything the child started too (a tsx loader, a worker, a shell).
 *
 * Importing this module registers afterEach and afterAll hooks that SIGKILL every group this test
 * file started and wait until each is gone, whatever happened in the test: a failed assertion, an
 * exception, a test timeout. If the test worker exits before those hooks run, an `exit` handler sends
 * the same SIGKILLs. So a test that spawns through {@link spawnGroup} cannot leave a process behind.
 *
 * @example
 * const child = spawnGroup(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
 * ...
 * await killGroup(child); // or leave it to the afterEach hook
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { afterAll, afterEach } from 'vitest';

/** Process-group ids (= the children's pids) that may still have members. */
const groups = new Set<number>();

/** Spawns `command` as the leader of a new process group, killed by the teardown hooks at the latest. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid !== undefined) {
    groups.add(pgid);
    // Once the leader has exited and nothing else is left in its group, forget the id: the kernel may
    // hand it to an unrelated process later.
    child.once('exit', () => {
      if (!groupAlive(pgid)) groups.delete(pgid);
    });
  }
  return child;
}

/**
 * The child's exit code and signal, at once if it has exited already (an `exit` listener added
 * afterwards would never fire). Rejects after `timeoutMs`; the teardown hooks still kill the group.
 */
export function exited(child: ChildProcess, timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} has not exited after ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** True while any process of group `pgid` exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/** Sends `signal` to the child's whole process group; no-op if the group is gone already. */
export function signalGroup(child: ChildProcess | number, signal: NodeJS.Signals = 'SIGKILL'): void {
  const pgid = typeof child === 'number' ? child : child.pid;
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Waits until no process of group `pgid` exists; throws after `timeoutMs`. */
export async function waitGroupGone(pgid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) throw new Error(`process group ${pgid} still exists ${timeoutMs} ms after SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** SIGKILLs the child's whole process group and waits until every process of it is gone. */
export async function killGroup(child: ChildProcess | number): Promise<void> {
  const pgid = typeof child === 'number' ? child : child.pid;
  if (pgid === undefined) return;
  signalGroup(pgid, 'SIGKILL');
  await waitGroupGone(pgid);
  groups.delete(pgid);
}

/** SIGKILLs every group this file started that may still be alive, and waits until all are gone. */
export async function killAllGroups(): Promise<void> {
  const pending = [...groups];
  for (const pgid of pending) signalGroup(pgid, 'SIGKILL');
  await Promise.all(pending.map((pgid) => killGroup(pgid)));
}

afterEach(killAllGroups);
afterAll(killAllGroups);
process.once('exit', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
});
