// One place that turns a database error into the API's error. PostgreSQL's own guarantees (unique keys,
// exclusion and check constraints) back the services' checks; when two requests race past a check, the
// constraint answers, and the person gets the same message the service would have given. Modules register
// their constraints here; the platform names none of them.
import { AppError, type FieldIssue } from './errors.js';

/** The SQLSTATE and constraint of a failed statement, looked up through the wrappers drivers put around it. */
export interface DatabaseFailure {
  code: string;
  constraint?: string;
}

const UNIQUE = '23505';
const EXCLUSION = '23P01';
const CHECK = '23514';
const FOREIGN_KEY = '23503';
/** Two transactions in each other's way (serialization failure, deadlock): the loser may simply try again. */
const RACE_LOST = new Set(['40001', '40P01']);

/**
 * pg's DatabaseError carries `code` and `constraint`; drizzle wraps it in a DrizzleQueryError whose `cause` is
 * the driver's error. A few levels of `cause` are followed, never a cycle.
 */
export function databaseFailure(err: unknown): DatabaseFailure | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, constraint, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    // SQLSTATEs are five characters of digits and capitals; Node's and Fastify's codes are longer.
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    e = cause;
  }
  return null;
}

const byConstraint = new Map<string, FieldIssue>();

/** A module's constraints and the field issue each one means (the same issue its service reports). */
export function registerConstraints(issues: Record<string, FieldIssue>): void {
  for (const [name, issue] of Object.entries(issues)) byConstraint.set(name, issue);
}

/** Whether a transaction failed only because another one was in its way (deadlock, serialization failure). */
export const raceLost = (err: unknown) => RACE_LOST.has(databaseFailure(err)?.code ?? '');

/**
 * Runs `attempt` (one whole transaction) again when PostgreSQL cancelled it for a deadlock or a serialization
 * failure: the loser's rollback lets the other through, and the retry then waits its turn. Only for transactions
 * whose callback does nothing but database work (a retry runs it again from the start); after `times` tries the
 * failure goes on to the caller (the API answers 409 `try_again`).
 */
export async function retryIfRaceLost<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= times || !raceLost(err)) throw err;
      // a little apart, so two losers do not meet again at once
      await new Promise((r) => setTimeout(r, 20 * n + Math.floor(Math.random() * 30)));
    }
  }
}

/**
 * The API's error for a database guarantee that a request broke: a taken key or an overlapping period is a
 * conflict (409), a failed check or a reference to a record that does not exist an invalid field (400), with the
 * registered field issue. An unregistered one still gets its class's answer, without a field; a transaction that
 * lost a race to another is a 409 `try_again`; a value PostgreSQL cannot take (class 22: out of range, a byte it
 * cannot store) a 400. Null for anything else (the caller answers 500 and logs it).
 */
export function constraintError(err: unknown): AppError | null {
  const failure = databaseFailure(err);
  if (!failure) return null;
  if (RACE_LOST.has(failure.code)) return new AppError('try_again', 'Someone changed the same records at the same moment; nothing was saved: try again');
  if (failure.code.startsWith('22')) return new AppError('bad_request', 'A value cannot be stored (out of range or not valid text)');
  if (![UNIQUE, EXCLUSION, CHECK, FOREIGN_KEY].includes(failure.code)) return null;
  const issue = failure.constraint ? byConstraint.get(failure.constraint) : undefined;
  const code = failure.code === CHECK || failure.code === FOREIGN_KEY ? 'validation' : 'conflict';
  if (issue) return new AppError(code, issue.message, [issue]);
  return code === 'conflict'
    ? new AppError('conflict', 'This conflicts with a record saved meanwhile; reload and try again')
    : new AppError('validation', 'A value refers to a record that does not exist, or breaks a rule of the data');
}
