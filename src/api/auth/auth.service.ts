/**
 * Accounts: registration, login (bcrypt, a signed token), and who the caller is. Every failure is
 * an {@link ApiError}: the same UNAUTHORIZED for an unknown login and a wrong password, RATE_LIMITED
 * after too many failures for one login from one address.
 */
import bcrypt from 'bcryptjs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ApiError } from '../errors.js';
import type { LoginLimiter } from './login-limiter.js';
import { findUserById, findUserByLogin, insertUser, type UserRow } from './users.repository.js';

export const BCRYPT_ROUNDS = 10;
/**
 * A bcrypt hash (of '\u0000 no such user \u0000', BCRYPT_ROUNDS rounds) of nothing anyone can type:
 * compared against for unknown logins, so they take as long as wrong passwords. Written out rather
 * than hashed at load: hashing it cost every command (a CLI batch run included) about 0.1 s.
 */
const DUMMY_HASH = '$2b$10$rlbkNmVTVPYWp95ggO5bxOTAAMt77oaCvCgasWNcXXrEjSO2qjvaK';
if (bcrypt.getRounds(DUMMY_HASH) !== BCRYPT_ROUNDS) throw new Error('auth.service: DUMMY_HASH must be hashed with BCRYPT_ROUNDS rounds');

/** What the API shows of a user. */
export interface PublicUser {
  id: string;
  email: string;
  username: string;
  full_name: string | null;
  role: 'user' | 'admin';
  is_demo: boolean;
  created_at: string;
}

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, username: u.username, full_name: u.full_name, role: u.role, is_demo: u.is_demo, created_at: u.created_at.toISOString() };
}

/** The caller as the token names them. */
export interface Caller {
  id: string;
  role: 'user' | 'admin';
}

export async function register(db: Kysely<DB>, input: { email: string; username: string; password: string; full_name?: string | null | undefined }, enabled: boolean): Promise<PublicUser> {
  if (!enabled) throw new ApiError('FORBIDDEN', 'registration is switched off on this server (REGISTRATION_ENABLED=false)');
  const email = input.email.trim().toLowerCase();
  const username = input.username.trim();
  const taken = await db.selectFrom('users').select(['email', 'username']).where((eb) => eb.or([eb('email', '=', email), eb('username', '=', username)])).execute();
  const details = [
    ...(taken.some((t) => t.email === email) ? [{ field: 'body.email', code: 'taken', message: 'is already registered' }] : []),
    ...(taken.some((t) => t.username === username) ? [{ field: 'body.username', code: 'taken', message: 'is already taken' }] : []),
  ];
  if (details.length > 0) throw new ApiError('CONFLICT', `${details.map((d) => `${d.field.slice(5)} ${d.message}`).join('; ')}`, details);
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
  return publicUser(await insertUser(db, { email, username, fullName: input.full_name?.trim() || null, passwordHash }));
}

/** Checks a login and password; returns the user, or throws UNAUTHORIZED / RATE_LIMITED. */
export async function authenticate(db: Kysely<DB>, login: string, password: string, address: string, limiter: LoginLimiter): Promise<UserRow> {
  const user = await findUserByLogin(db, login);
  // Counted per account (its username and email are one), or per name typed when there is none.
  const key = user ? `user:${user.id}` : `login:${login.trim().toLowerCase()}`;
  const wait = limiter.retryAfter(key, address);
  if (wait > 0) throw Object.assign(new ApiError('RATE_LIMITED', `too many failed logins for this account from this address; try again in ${wait} s`), { retryAfter: wait });
  // Counted as a failure before the slow check, so parallel guesses cannot all slip under the limit.
  limiter.fail(key, address);
  const ok = await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || !user.is_active) throw new ApiError('UNAUTHORIZED', 'invalid username, email or password');
  limiter.succeed(key, address);
  return user;
}

export async function me(db: Kysely<DB>, caller: Caller): Promise<PublicUser> {
  const user = await findUserById(db, caller.id);
  if (!user || !user.is_active) throw new ApiError('UNAUTHORIZED', 'the account of this token no longer exists');
  return publicUser(user);
}
