import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../process-alive.js';

/**
 * PGlite is one process's database: two openers of the same data folder would corrupt it. The lock
 * is a pid file in the folder, made so that no two openers can both believe they hold it:
 * - it appears atomically with its content (written to a temporary file, then hard-linked into
 *   place, which fails if the lock exists), so nobody ever reads a half-written lock;
 * - a lock whose process is gone is moved aside with an atomic rename and removed only if what was
 *   moved is still that stale lock, so two openers taking over the same stale lock cannot delete
 *   each other's fresh one;
 * - within one process, a second open of the same folder is refused too.
 */
const heldByThisProcess = new Set<string>();
const ATTEMPTS = 20;

export class EmbeddedDatabaseLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseLockedError';
  }
}


function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Creates the lock with our pid in it, atomically; false if a lock exists. */
function tryCreate(file: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, String(process.pid));
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function lockedBy(dataDir: string, pid: number): EmbeddedDatabaseLockedError {
  return new EmbeddedDatabaseLockedError(
    `the embedded database in ${dataDir} is in use by process ${pid} (a running SigmaSight server: npm start or sigmasight serve?). ` +
      'Stop it first, or run SigmaSight on PostgreSQL with DATABASE_URL so several processes can share the database.',
  );
}

/** Takes the lock of the data folder holding `pgDir`; returns the function that releases it. */
export function acquireEmbeddedLock(pgDir: string): () => void {
  const dataDir = path.resolve(pgDir, '..');
  const file = path.join(dataDir, 'sigmasight.pid');
  if (heldByThisProcess.has(file)) {
    throw new EmbeddedDatabaseLockedError(`the embedded database in ${dataDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(file)) {
      heldByThisProcess.add(file);
      return () => {
        heldByThisProcess.delete(file);
        try {
          if (readOrNull(file)?.trim() === String(process.pid)) rmSync(file);
        } catch {
          // Already gone (tests remove their temporary data folders).
        }
      };
    }
    const content = readOrNull(file);
    if (content === null) continue; // released meanwhile
    const pid = Number(content.trim());
    if (!Number.isInteger(pid) || pid <= 0) {
      // Not a lock this code writes (ours appear complete): give its writer a moment, then treat it as stale.
      if (attempt < 5) {
        sleepSync(50);
        continue;
      }
    } else if (pid !== process.pid && processAlive(pid)) {
      throw lockedBy(dataDir, pid);
    }
    const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // someone else moved it first
      throw e;
    }
    const moved = readOrNull(aside);
    if (moved === content) {
      rmSync(aside, { force: true });
      continue;
    }
    // Between our read and our rename another opener replaced the stale lock with its own: put it back.
    try {
      linkSync(aside, file);
    } catch {
      // A third opener holds the place now; the lock it made stands.
    }
    rmSync(aside, { force: true });
    const other = Number(moved?.trim());
    if (Number.isInteger(other) && other > 0 && processAlive(other)) throw lockedBy(dataDir, other);
  }
  throw new EmbeddedDatabaseLockedError(`could not lock the embedded database in ${dataDir}: another process keeps taking the lock`);
}
