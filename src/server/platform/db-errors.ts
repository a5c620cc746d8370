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

/**
 * The API's error for a registered constraint: a taken key or an overlapping period is a conflict (409), a
 * failed check an invalid field (400). Null for anything else (the caller answers 500 and logs it).
 */
export function constraintError(err: unknown): AppError | null {
  const failure = databaseFailure(err);
  if (!failure?.constraint || ![UNIQUE, EXCLUSION, CHECK].includes(failure.code)) return null;
  const issue = byConstraint.get(failure.constraint);
  if (!issue) return null;
  return new AppError(failure.code === CHECK ? 'validation' : 'conflict', issue.message, [issue]);
}
