/** users: the rows the API's accounts read and write. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';

export type UserRow = Selectable<UsersTable>;

/** The live (not deleted) user whose username or email is `login` (email compared lower-case). */
export async function findUserByLogin(db: Kysely<DB>, login: string): Promise<UserRow | undefined> {
  const name = login.trim();
  return db.selectFrom('users').selectAll().where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('username', '=', name), eb('email', '=', name.toLowerCase())]))
    .executeTakeFirst();
}

/** The live user with `id`. */
export async function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Inserts a user; throws PostgreSQL's unique violation (23505) when the email or username is taken. */
export async function insertUser(db: Kysely<DB>, u: { email: string; username: string; fullName: string | null; passwordHash: string }): Promise<UserRow> {
  return db.insertInto('users').values({ email: u.email, username: u.username, full_name: u.fullName, password_hash: u.passwordHash })
    .returningAll().executeTakeFirstOrThrow();
}
