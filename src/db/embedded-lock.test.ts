import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireEmbeddedLock, EmbeddedDatabaseLockedError } from './embedded-lock.js';

function dataFolder(): { pgDir: string; pidFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-lock-'));
  const pgDir = path.join(dir, 'pgdata');
  mkdirSync(pgDir);
  return { pgDir, pidFile: path.join(dir, 'sigmasight.pid') };
}

describe('the embedded database lock', () => {
  it('refuses a second opener in the same process, and frees the folder on release', () => {
    const { pgDir, pidFile } = dataFolder();
    const release = acquireEmbeddedLock(pgDir);
    expect(() => acquireEmbeddedLock(pgDir)).toThrow(/already open in this process/);
    release();
    expect(existsSync(pidFile)).toBe(false);
    acquireEmbeddedLock(pgDir)();
  });

  it('refuses a folder held by another running process, naming its pid', async () => {
    const { pgDir, pidFile } = dataFolder();
    const child = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`]);
    try {
      await expect.poll(() => existsSync(pidFile)).toBe(true);
      let error: unknown;
      try {
        acquireEmbeddedLock(pgDir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EmbeddedDatabaseLockedError);
      expect((error as Error).message).toContain(`in use by process ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => child.once('exit', r));
    // The holder is gone: its lock is stale and is taken over.
    acquireEmbeddedLock(pgDir)();
  });

  it('takes over a lock whose process no longer exists', () => {
    const { pgDir, pidFile } = dataFolder();
    writeFileSync(pidFile, '2147483646');
    const release = acquireEmbeddedLock(pgDir);
    release();
  });
});
