import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { constraintError, databaseFailure, registerConstraints, retryIfRaceLost } from './db-errors.js';

/** The error pg raises for a failed statement (what PostgreSQL sent: SQLSTATE and constraint). */
function pgError(code: string, constraint?: string) {
  const e = new pg.DatabaseError('duplicate key value violates unique constraint', 0, 'error');
  e.code = code;
  e.constraint = constraint;
  return e;
}

registerConstraints({
  test_things_code_key: { path: 'code', message: 'This code is taken', code: 'code_taken' },
  test_things_dates_check: { path: 'endsOn', message: 'The end is before the start', code: 'end_before_start' },
});

describe('database errors as API errors', () => {
  it('maps a registered unique or exclusion constraint to a conflict on its field', () => {
    for (const code of ['23505', '23P01']) {
      const err = constraintError(pgError(code, 'test_things_code_key'));
      expect(err).toMatchObject({ code: 'conflict', status: 409, message: 'This code is taken', fields: [{ path: 'code', code: 'code_taken' }] });
    }
  });

  it('maps a failed check to an invalid field', () => {
    expect(constraintError(pgError('23514', 'test_things_dates_check'))).toMatchObject({ code: 'validation', status: 400, fields: [{ path: 'endsOn' }] });
  });

  it('finds the SQLSTATE and constraint when drizzle wraps the driver error', () => {
    const wrapped = new DrizzleQueryError('insert into test_things …', ['X'], pgError('23505', 'test_things_code_key'));
    expect(databaseFailure(wrapped)).toEqual({ code: '23505', constraint: 'test_things_code_key' });
    expect(constraintError(wrapped)).toMatchObject({ code: 'conflict', fields: [{ path: 'code' }] });
    // …and through one more wrapper of our own
    expect(constraintError(new Error('import failed', { cause: wrapped }))?.code).toBe('conflict');
  });

  it('answers an unregistered guarantee by its class, a reference to nothing with 400, a lost race with 409', () => {
    expect(constraintError(pgError('23505', 'nobody_registered_this'))).toMatchObject({ code: 'conflict', status: 409, fields: undefined });
    expect(constraintError(pgError('23503', 'nobody_registered_this'))).toMatchObject({ code: 'validation', status: 400 });
    registerConstraints({ test_things_owner_fk: { path: 'ownerId', message: 'No such owner', code: 'owner_unknown' } });
    expect(constraintError(pgError('23503', 'test_things_owner_fk'))).toMatchObject({ code: 'validation', status: 400, fields: [{ path: 'ownerId' }] });
    // a lost race is not a broken rule: its own code, which the web words as "try again"
    expect(constraintError(pgError('40001'))).toMatchObject({ code: 'try_again', status: 409 });
    expect(constraintError(pgError('40P01'))).toMatchObject({ code: 'try_again', status: 409 });
    expect(constraintError(pgError('22P05'))).toMatchObject({ code: 'bad_request', status: 400 });
  });

  it('leaves every other error to the 500 answer', () => {
    expect(constraintError(pgError('42P01'))).toBeNull();
    expect(constraintError(pgError('57P01'))).toBeNull();
    expect(constraintError(Object.assign(new Error('x'), { code: 'FST_REQ_FILE_TOO_LARGE' }))).toBeNull();
    expect(constraintError(new Error('plain'))).toBeNull();
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(databaseFailure(cyclic)).toBeNull();
  });

  it('runs a transaction again when it lost a race, a few times at most, and nothing else again', async () => {
    const failing = (codes: string[]) => {
      let calls = 0;
      const attempt = async () => {
        const code = codes[calls++];
        if (code) throw new DrizzleQueryError('select meetings_figures_refresh(…)', [], pgError(code));
        return 'saved';
      };
      return { attempt, calls: () => calls };
    };
    const twice = failing(['40P01', '40001']);
    await expect(retryIfRaceLost(twice.attempt)).resolves.toBe('saved');
    expect(twice.calls()).toBe(3);
    const always = failing(['40P01', '40P01', '40P01', '40P01']);
    await expect(retryIfRaceLost(always.attempt)).rejects.toSatisfy((e) => constraintError(e)?.code === 'try_again');
    expect(always.calls()).toBe(3);
    const unique = failing(['23505']);
    await expect(retryIfRaceLost(unique.attempt)).rejects.toSatisfy((e) => constraintError(e)?.code === 'conflict');
    expect(unique.calls()).toBe(1);
  });
});
