import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two openers of the same data folder would corrupt it. A pid
 * file created exclusively (O_EXCL) in the folder makes a second opener, in another process or in
 * this one, stop with a clear message. A lock left by a process that no longer runs is taken over.
 */
const heldByThisProcess = new Set<string>();

export class EmbeddedDatabaseLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of the data folder holding `pgDir`; returns the function that releases it. */
export function acquireEmbeddedLock(pgDir: string): () => void {
  const dataDir = path.resolve(pgDir, '..');
  const file = path.join(dataDir, 'sigmasight.pid');
  if (heldByThisProcess.has(file)) {
    throw new EmbeddedDatabaseLockedError(`the embedded database in ${dataDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(file);
      return () => {
        heldByThisProcess.delete(file);
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
        } catch {
          // Already gone (tests remove their temporary data folders).
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // released between our open and read: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new EmbeddedDatabaseLockedError(
          `the embedded database in ${dataDir} is in use by process ${pid} (a running SigmaSight server: npm start or sigmasight serve?). ` +
            'Stop it first, or run SigmaSight on PostgreSQL with DATABASE_URL so several processes can share the database.',
        );
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new EmbeddedDatabaseLockedError(`could not lock the embedded database in ${dataDir}: another process keeps taking the lock`);
}
