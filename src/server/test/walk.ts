// The shape of the access walk: what each module declares about its routes (modules/<m>/access.walk.ts) and the
// access suite (access.test.ts) calls. Test code only: a module's descriptor loads its walk lazily.
import type { World } from './factories.js';

/** The ids of commune A's records (and a few of B's) the cases need; access.test.ts builds them. */
export interface Fixtures extends World {
  positionA: string;
  postA: string;
  userIds: Record<string, string>;
  importJobA: string;
  a1PersonIds: string[];
  a: { partyCardNo: string; cccd: string };
  /** A supervision case about cell A1, and its attached file. */
  caseA: string;
  caseFileA: string;
}

export interface Req {
  url: string;
  body?: unknown;
  /** Sent as multipart/form-data instead of JSON. */
  multipart?: { fields: Record<string, string>; file: { name: string; content: Buffer } };
}

export interface RouteCase {
  /** Answers without a session (health, login, logout): no 401 expected. The route says `config: { public: true }`. */
  public?: true;
  /** Calls by officer.b (commune B) with ids of commune A: each must answer 404 and show nothing of A. */
  crossBranch?: (f: Fixtures) => Req[];
  /** Lists and searches by officer.b: 200 (or 404 for a user without the right) and nothing of A in the body. */
  crossList?: (f: Fixtures) => Req[];
  /** Why there is no cross-branch call (the route is about the caller alone). */
  noCross?: string;
  /** A well-formed call for the anonymous and CSRF checks; by default the first cross-branch call. */
  sample?: (f: Fixtures) => Req;
  /** Why a write is not checked for its CSRF token. */
  noCsrf?: string;
}

/** A module's routes, keyed `METHOD /api/path/:param` as Fastify declares them. */
export type AccessWalk = Record<string, RouteCase>;

/** The day the walk's writes name. */
export const DAY = '2024-06-03';
/** A review cycle or record id that does not exist. */
export const NO_REVIEW = '00000000-0000-4000-8000-00000000e7e7';
