import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited, killGroup, spawnGroup } from '../../test/support/child-processes.js';
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
    // Own process groups, SIGKILLed in teardown whatever happens (test/support/child-processes.ts).
    const child = spawnGroup(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`]);
    try {
      // Wait for the child's pid to be in the file (writeFileSync creates it empty first).
      await expect.poll(() => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : '')).toBe(String(child.pid));
      let error: unknown;
      try {
        acquireEmbeddedLock(pgDir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EmbeddedDatabaseLockedError);
      expect((error as Error).message).toContain(`in use by process ${child.pid}`);
    } finally {
      await killGroup(child); // returns once the process is gone (reaped)
    }
    // The holder is gone: its lock is stale and is taken over.
    acquireEmbeddedLock(pgDir)();
  });

  it('takes over a lock whose process no longer exists, and one left half-written', () => {
    const { pgDir, pidFile } = dataFolder();
    writeFileSync(pidFile, '2147483646');
    const release = acquireEmbeddedLock(pgDir);
    expect(readFileSync(pidFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(pidFile)).toBe(false);
    writeFileSync(pidFile, '');
    const again = acquireEmbeddedLock(pgDir);
    expect(readFileSync(pidFile, 'utf8')).toBe(String(process.pid));
    again();
  });

  it('lets exactly one of several processes racing for a stale lock take it', async () => {
    const { pgDir, pidFile } = dataFolder();
    writeFileSync(pidFile, '2147483646');
    const script = `
      const { acquireEmbeddedLock } = await import(${JSON.stringify(new URL('./embedded-lock.ts', import.meta.url).href)});
      try { acquireEmbeddedLock(${JSON.stringify(pgDir)}); console.log('HELD'); setTimeout(() => {}, 1500); }
      catch (e) { console.log('REFUSED'); }`;
    const runs = Array.from({ length: 4 }, async () => {
      const child = spawnGroup(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      await exited(child, 45_000);
      return out.trim();
    });
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'REFUSED')).toHaveLength(3);
  });
});
