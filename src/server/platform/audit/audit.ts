// Writing and verifying the hash-chained audit trail. Events are written in the caller's transaction, so an
// operation and its audit event commit or roll back together.
import type { CopyRows } from '../copy.js';
import { createHash } from 'node:crypto';
import { asc, desc, gt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { auditEvents } from './schema.js';
import type { Actor } from '../access.js';
import { todayIso } from '../../../domain/dates.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  unitPath?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Chained = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitPath: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

export function eventHash(e: Chained): string {
  const body = canonicalJson({ ...e, at: e.at.toISOString(), before: e.before ?? null, after: e.after ?? null });
  return createHash('sha256').update(body).digest('hex');
}

type Pending = Omit<Chained, 'seq' | 'prevHash' | 'before' | 'after'> & { before: string; after: string };

/**
 * canonicalJson of a chained event whose before/after are already canonical JSON text (what eventHash hashes,
 * without serializing before/after a second time), in three parts around the two fields that depend on the
 * chain's tail: head + JSON(prevHash) + mid + JSON(seq) + tail. Keys in sorted order, as canonicalJson.
 */
function chainedParts(e: Pending): { head: string; mid: string; tail: string } {
  const s = JSON.stringify;
  return {
    head: `{"action":${s(e.action)},"actorName":${s(e.actorName)},"actorUserId":${s(e.actorUserId)},"after":${e.after},"at":${s(e.at.toISOString())},"before":${e.before},"entityId":${s(e.entityId)},"entityType":${s(e.entityType)},"prevHash":`,
    mid: `,"requestId":${s(e.requestId)},"seq":`,
    tail: `,"unitPath":${s(e.unitPath)}}`,
  };
}

/** Strips undefined and turns Dates into strings, so what is hashed is exactly what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value ?? null));
}

/**
 * canonicalJson(plain(value)) — the text an event's before/after is hashed and stored as — built in one pass for plain
 * data (strings, finite numbers, booleans, null, arrays and plain objects), without the JSON round trip and the
 * entry arrays; anything else (Dates, toJSON, undefined in an array…) takes the general path. For bulk writers.
 */
export function canonicalText(value: unknown): string {
  return plainCanonical(value) ?? canonicalJson(plain(value));
}

function plainCanonical(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      // Pieces joined, so the text is one flat string rather than a rope of its pieces.
      if (Array.isArray(v)) {
        const items: string[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const t = v[i] === undefined ? undefined : plainCanonical(v[i]);
          if (t === undefined) return undefined;
          items[i] = t;
        }
        return `[${items.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in v) return undefined;
      const o = v as Record<string, unknown>;
      // The default sort is by UTF-16 code units, canonicalJson's `<`.
      const keys = Object.keys(o).sort();
      const entries: string[] = [];
      for (const k of keys) {
        if (o[k] === undefined) continue;
        const t = plainCanonical(o[k]);
        if (t === undefined) return undefined;
        entries.push(`${JSON.stringify(k)}:${t}`);
      }
      return `{${entries.join(',')}}`;
    }
    default:
      return undefined;
  }
}

// One chain for the whole database: appends are serialized by a transaction-level advisory lock.
// The chain lock's key; migration 0010's audit_chain_staged() takes the same one.
const AUDIT_LOCK = 7_202_511;
/** Canonical JSON text as stored in a jsonb column: JSON null is SQL NULL there. */
const jsonColumn = (text: string) => (text === 'null' ? null : text);

/** How an event is dated: to the millisecond, or (an anonymous reporter's) to the day only. */
export interface AuditOptions {
  /** The event's `at` is the start of today's date (UTC midnight of the calendar day): nothing finer is kept. */
  dateOnly?: boolean;
  /** The event's `at` is the start of this calendar day (an account written after the day, of that day). */
  onDay?: string;
}

/** Who wrote and when: the same for every event of one write. */
const writtenBy = (actor: Actor, opts: AuditOptions = {}) => ({
  at: opts.onDay ? new Date(`${opts.onDay}T00:00:00.000Z`) : opts.dateOnly ? new Date(`${todayIso()}T00:00:00.000Z`) : new Date(),
  actorUserId: actor.userId,
  actorName: actor.name,
  requestId: actor.requestId ?? null,
});

function pendingEvents(actor: Actor, list: AuditInput[], opts?: AuditOptions): Pending[] {
  const who = writtenBy(actor, opts);
  return list.map((e) => ({
    ...who,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    unitPath: e.unitPath ?? null,
    before: canonicalText(e.before),
    after: canonicalText(e.after),
  }));
}

/**
 * The INSERT that stages events (chained at commit by migration 0010's trigger), to run as a statement of its own
 * or inside a data-modifying WITH, so a write and its audit event go in one statement: `onlyIf` (say, `EXISTS
 * (SELECT 1 FROM updated)`) stages them only when the write happened.
 */
export function stageAudit(actor: Actor, events: AuditInput | AuditInput[], onlyIf?: SQL, opts?: AuditOptions): SQL {
  const chained = pendingEvents(actor, Array.isArray(events) ? events : [events], opts);
  // Hashed over the same canonical text as verifyAuditChain.
  const parts = chained.map(chainedParts);
  const col = <T>(f: (c: Pending, i: number) => T) => sql.param(chained.map(f));
  return sql`
    INSERT INTO audit_staged (at, actor_user_id, actor_name, action, entity_type, entity_id, unit_path, before, after, request_id, head, mid, tail)
    SELECT * FROM unnest(
      ${col((c) => c.at.toISOString())}::timestamptz[], ${col((c) => c.actorUserId)}::uuid[], ${col((c) => c.actorName)}::text[],
      ${col((c) => c.action)}::text[], ${col((c) => c.entityType)}::text[], ${col((c) => c.entityId)}::text[], ${col((c) => c.unitPath)}::text[],
      ${col((c) => jsonColumn(c.before))}::jsonb[], ${col((c) => jsonColumn(c.after))}::jsonb[], ${col((c) => c.requestId)}::text[],
      ${col((_, i) => parts[i].head)}::text[], ${col((_, i) => parts[i].mid)}::text[], ${col((_, i) => parts[i].tail)}::text[])
    ${onlyIf ? sql`WHERE ${onlyIf}` : sql``}`;
}

/** The entity of the latest event of an action (a pass that records how far it got, like supervision's digest). */
export async function lastEntityOf(exec: Executor, action: string): Promise<string | null> {
  const { rows } = await exec.execute<{ id: string }>(sql`SELECT entity_id AS id FROM audit_events WHERE action = ${action} ORDER BY seq DESC LIMIT 1`);
  return rows[0]?.id ?? null;
}

export async function recordAudit(tx: Executor, actor: Actor, events: AuditInput | AuditInput[], opts?: AuditOptions): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  // Staged without a lock; a deferred trigger chains them while the transaction commits (migration 0010), so the
  // chain lock is never held while Node works or waits.
  await tx.execute(stageAudit(actor, list, undefined, opts));
}

/**
 * A write the trail must not date (an anonymous report: its event is written after its day, digest.ts) still moves
 * its province's mark for its kind (`scope`, as an action's first word: audit_roots), so what was computed over the
 * province from such writes is computed again. A count, no moment. The last statement of its transaction: the mark's
 * row is held until the commit.
 */
export async function markWrite(tx: Executor, unitPath: string, scope: string): Promise<void> {
  await tx.execute(sql`INSERT INTO audit_roots (root, scope, mark) VALUES (${unitPath.split('/')[1] || '*'}, ${scope}, 1) ON CONFLICT (root, scope) DO UPDATE SET mark = audit_roots.mark + 1`);
}

/** An event whose before/after are already canonical JSON text (canonicalText), for recordAuditByCopy. */
export interface AuditText {
  action: string;
  entityType: string;
  entityId: string;
  unitPath: string | null;
  before: string;
  after: string;
}

/** recordAudit's bulk path for events the caller serialized (canonicalText): hashed here, written with COPY. */
export async function recordAuditByCopy(tx: Executor, actor: Actor, events: AuditText[], copy: CopyRows): Promise<void> {
  if (events.length === 0) return;
  const who = writtenBy(actor);
  return appendByCopy(tx, events.map((e) => ({ ...e, ...who })), copy);
}

/** The bulk path (roster import): the chain's tail is read once, the events hashed here and written with COPY. */
async function appendByCopy(tx: Executor, chained: Pending[], copy: CopyRows) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const columns = ['seq', 'at', 'actor_user_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'unit_path', 'before', 'after', 'request_id', 'prev_hash', 'hash'];
  const values = chained.map((c) => {
    seq += 1;
    const p = chainedParts(c);
    const hash = createHash('sha256').update(`${p.head}${JSON.stringify(prevHash)}${p.mid}${seq}${p.tail}`).digest('hex');
    const row = [seq, c.at.toISOString(), c.actorUserId, c.actorName, c.action, c.entityType, c.entityId, c.unitPath, jsonColumn(c.before), jsonColumn(c.after), c.requestId, prevHash, hash];
    prevHash = hash;
    return row;
  });
  return copy('audit_events', columns, values);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: { seq: number; problem: string }[];
}

/** Walks the chain in order; reports gaps (deleted events), edited events and broken links. */
export async function verifyAuditChain(db: Executor, batch = 5000): Promise<VerifyResult> {
  const problems: VerifyResult['problems'] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: `events ${expectedSeq}–${r.seq - 1} are missing` });
      if (r.prevHash !== prevHash) problems.push({ seq: r.seq, problem: 'link to the previous event is broken' });
      const { hash, ...rest } = r;
      if (eventHash(rest as Chained) !== hash) problems.push({ seq: r.seq, problem: 'event content was changed' });
      prevHash = hash;
      expectedSeq = r.seq + 1;
      checked += 1;
    }
    after = rows[rows.length - 1].seq;
  }
  return { ok: problems.length === 0, checked, problems };
}
