import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes opening the same data folder would corrupt it.
 * A pid file in the folder makes the second one stop with a clear message instead. A lock left by a
 * process that no longer runs is taken over.
 */
export function acquireEmbeddedLock(pgDir: string): () => void {
  const file = path.join(pgDir, '..', 'sigmasight.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `the embedded database in ${path.dirname(file)} is in use by process ${pid} (a running "sigmasight serve"?). ` +
          'Stop it first, or run SigmaSight on PostgreSQL with DATABASE_URL so several processes can share the database.',
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      // The folder may already be gone (tests remove their temporary data folders).
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
