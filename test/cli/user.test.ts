import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`sigmasight user role on ${engineUnderTest}`, () => {
  useCliEnvironment('user');

  it('makes a user an administrator and back; refuses an unknown user and bad arguments', async () => {
    expect(await runCli(['db', 'migrate'], captureIo().io)).toBe(0);
    await withCommandDatabase((db) => db.insertInto('users').values({ email: 'ann@example.com', username: 'ann', password_hash: `$2b$10$${'a'.repeat(53)}` }).execute());
    const c = captureIo();
    expect(await runCli(['user', 'role', 'ann', 'admin'], c.io)).toBe(0);
    expect(c.out).toEqual(['ann is now an administrator.']);
    expect(await withCommandDatabase((db) => db.selectFrom('users').select('role').where('username', '=', 'ann').executeTakeFirstOrThrow())).toEqual({ role: 'admin' });
    expect(await runCli(['user', 'role', 'ann', 'user'], captureIo().io)).toBe(0);
    expect(await withCommandDatabase((db) => db.selectFrom('users').select('role').where('username', '=', 'ann').executeTakeFirstOrThrow())).toEqual({ role: 'user' });
    const missing = captureIo();
    expect(await runCli(['user', 'role', 'nobody', 'admin'], missing.io)).toBe(1);
    expect(missing.err[0]).toMatch(/no user named "nobody"/);
    const bad = captureIo();
    expect(await runCli(['user', 'role', 'ann', 'root'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/sigmasight user role USERNAME admin\|user/);
  });
});
