import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSymbolBatch } from '../../src/batch/symbol/symbol-batch.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`a symbol batch run told to stop, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it('starts no step, closes its job row as failed and throws, so the queue retries the day', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(runSymbolBatch(t.db, '2024-12-31', { workerId: 'w1', signal: stop.signal })).rejects.toThrow(
      'symbol batch 2024-12-31: stopped before factor_exposures: the job was lost or its worker is stopping',
    );
    const jobs = await t.db.selectFrom('batch_jobs').select(['job_type', 'status', 'error_message']).execute();
    expect(jobs).toEqual([{ job_type: 'symbol_batch', status: 'failed', error_message: 'stopped before factor_exposures: the job was lost or its worker is stopping' }]);
    expect(await t.db.selectFrom('calculation_audit_log').selectAll().execute()).toEqual([]);
  });
});
