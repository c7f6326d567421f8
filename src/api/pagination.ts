/**
 * Cursor pagination: a list answers `{ items, next_cursor }`; `next_cursor` (null on the last page)
 * is an opaque string encoding the sort key of the page's last item, passed back as `?cursor=`.
 */
import { z } from 'zod';
import { isIsoDate } from '../iso-date.js';
import { ApiError } from './errors.js';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)?$/;

/** A cursor's timestamptz key as PostgreSQL writes it (a real date and time, a sane offset). */
export const CursorTimestamp = z.string().refine((s) => {
  const m = TIMESTAMP.exec(s);
  return !!m && isIsoDate(m[1]) && Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4]) <= 59 && (m[7] === undefined || Number(m[7]) <= 15) && (m[8] === undefined || Number(m[8]) <= 59);
});
/** A cursor's date key. */
export const CursorDate = z.string().refine(isIsoDate);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in `cursor`, checked against `shape` (VALIDATION_ERROR naming query.cursor when it is not one of ours). */
export function decodeCursor<T extends readonly unknown[]>(cursor: string, shape: z.ZodType<T>): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError('VALIDATION_ERROR', 'query.cursor is not a cursor this list gave out', [{ field: 'query.cursor', code: 'invalid_cursor', message: 'is not a cursor this list gave out' }]);
  }
}

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });
