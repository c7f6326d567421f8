import { migrate } from '../db/migrator.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const USER_USAGE = `sigmasight user role USERNAME admin|user
                          make a user an administrator (the API's /api/v1/admin endpoints), or not`;

/** `sigmasight user role USERNAME admin|user`. Returns 1 when there is no such user. */
export async function userCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, username, role, ...rest] = args;
  if (sub !== 'role' || !username || (role !== 'admin' && role !== 'user') || rest.length > 0) throw new UsageError(`usage:\n${USER_USAGE}`);
  const rt = await openRuntime();
  try {
    await migrate(rt.database.db);
    const r = await rt.database.db.updateTable('users').set({ role, updated_at: new Date() }).where('username', '=', username).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      io.err(`sigmasight: no user named "${username}"`);
      return 1;
    }
    io.out(`${username} is now ${role === 'admin' ? 'an administrator' : 'a user'}.`);
    return 0;
  } finally {
    await rt.close();
  }
}
