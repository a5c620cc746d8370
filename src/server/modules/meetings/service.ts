// Cell meetings: the year's plan, a cell's calendar, the cells that missed a meeting, and one meeting as its page
// shows it. Writes to one meeting go through commands.ts (idempotent, versioned).
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { bandOf, reminderLevel, materialsWarning, meetingState, minimumMinutes, resolutionWarning, yearPlan, type Band, type Criterion, type MeetingRules, type Warning } from '../../../domain/meetings.js';
import { addDays } from '../../../domain/supervision.js';
import { allowed, branchesFor, scopeFor, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { documentsSentToCell, studiesOfCell } from '../documents/cell-studies.js';
import { cellsUnder, latestNameOf, latestPathOf } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { cellMembersOn, personNames } from '../people/cell-members.js';
import { authorizeMeeting, meetingActions, meetingPolicy } from './policy.js';
import { cellMeetings, meetingActionItems, meetingAttendance, meetingDocumentMaterials, meetingInvitations, meetingMaterials, meetingQualityBands, meetingQualityCriteria, meetingRules } from './schema.js';

export type MeetingRow = typeof cellMeetings.$inferSelect;

export async function loadRules(exec: Executor): Promise<MeetingRules> {
  const [r] = await exec.select().from(meetingRules).where(eq(meetingRules.id, 1));
  if (!r) throw new Error('meeting_rules has no row: the migration seeds it');
  const { id: _id, ...rules } = r;
  return rules;
}

export async function loadTemplate(exec: Executor, template: string): Promise<{ criteria: Criterion[]; bands: Band[] }> {
  const [criteria, bands] = await Promise.all([
    exec.select().from(meetingQualityCriteria).where(eq(meetingQualityCriteria.template, template)).orderBy(asc(meetingQualityCriteria.sort)),
    exec.select().from(meetingQualityBands).where(eq(meetingQualityBands.template, template)),
  ]);
  return { criteria: criteria.map(({ code, labelVi, labelEn, maxPoints }) => ({ code, labelVi, labelEn, maxPoints })), bands: bands.map(({ code, minScore }) => ({ code, minScore })) };
}

/** A unit's latest path and name, or 404. */
async function unitAt(exec: Executor, unitId: string) {
  const u = (await latestPaths(exec, [unitId])).get(unitId);
  if (!u) throw notFound('Unit');
  return u;
}

/** The meeting, readable by the actor, with its cell's path; 404 otherwise. */
export async function loadMeeting(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = exec.select().from(cellMeetings).where(eq(cellMeetings.id, id));
  const [meeting] = opts.forUpdate ? await q.for('update') : await q;
  if (!meeting) throw notFound('Meeting');
  const cell = await unitAt(exec, meeting.cellId);
  authorizeMeeting(actor, 'meeting.read', { path: cell.path });
  return { meeting, cellPath: cell.path, cellName: cell.name };
}

/**
 * The year's plan for every cell under the unit (a cell itself, a commune, the province): a regular meeting a month
 * and a thematic one a quarter, by the rules' counts. Generating it again adds only what is missing.
 */
export async function planYear(db: Db, actor: Actor, input: { unitId: string; year: number }) {
  const unit = await unitAt(db, input.unitId);
  authorizeMeeting(actor, 'meeting.plan', { path: unit.path });
  const today = todayIso();
  const on = `${input.year}-12-31` < today ? `${input.year}-12-31` : today;
  return db.transaction(async (tx) => {
    const rules = await loadRules(tx);
    const cells = (await cellsUnder(tx, [unit.path], on)).filter((c) => allowed(meetingPolicy, actor, 'meeting.plan', { path: c.path }));
    const slots = yearPlan(input.year, rules);
    if (cells.length === 0) return { cells: 0, created: 0 };
    const r = await tx.execute(sql`
      INSERT INTO cell_meetings (cell_id, kind, slot, planned_on)
      SELECT c.id, s.kind, s.slot, s.planned_on::date
      FROM unnest(${`{${cells.map((c) => c.id).join(',')}}`}::uuid[]) AS c(id)
      CROSS JOIN unnest(${`{${slots.map((s) => s.kind).join(',')}}`}::text[], ${`{${slots.map((s) => s.slot).join(',')}}`}::text[], ${`{${slots.map((s) => s.plannedOn).join(',')}}`}::text[]) AS s(kind, slot, planned_on)
      ON CONFLICT (cell_id, slot) DO NOTHING`);
    const created = r.rowCount ?? 0;
    await recordAudit(tx, actor, { action: 'meeting.plan', entityType: 'unit', entityId: input.unitId, unitPath: unit.path, after: { year: input.year, cells: cells.length, created } });
    return { cells: cells.length, created };
  });
}

/** A cell's meetings of a year, month by month, each held, missed or planned. */
export async function cellCalendar(db: Db, actor: Actor, input: { cellId: string; year: number }) {
  const cell = await unitAt(db, input.cellId);
  authorizeMeeting(actor, 'meeting.read', { path: cell.path });
  const today = todayIso();
  const [rows, { bands }] = await Promise.all([
    db
      .select()
      .from(cellMeetings)
      .where(and(eq(cellMeetings.cellId, input.cellId), sql`${cellMeetings.plannedOn} BETWEEN ${`${input.year}-01-01`}::date AND ${`${input.year}-12-31`}::date`))
      .orderBy(asc(cellMeetings.plannedOn)),
    loadTemplate(db, '42-HD'),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${input.year}-${String(i + 1).padStart(2, '0')}`;
    return {
      month,
      meetings: rows
        .filter((m) => m.plannedOn.startsWith(month))
        .map((m) => {
          const total = m.reviewTotal ?? m.selfTotal;
          return { id: m.id, kind: m.kind, plannedOn: m.plannedOn, heldOn: m.heldOn, state: meetingState(m, today), band: total === null ? null : bandOf(total, bands) };
        }),
    };
  });
  return { cellId: input.cellId, cellName: cell.name, year: input.year, months, actions: meetingActions(actor, cell.path) };
}

/** The last day of a month 'YYYY-MM'. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/**
 * Which cells under the unit held no regular meeting in a month (months already over), and no thematic one in a
 * quarter (quarters over): the cells of that month's tree.
 */
export async function missedMeetings(db: Db, actor: Actor, input: { unitId: string; year: number }) {
  const unit = await unitAt(db, input.unitId);
  authorizeMeeting(actor, 'meeting.oversee', { path: unit.path });
  const today = todayIso();
  const months: { month: string; cells: number; missed: { cellId: string; cell: string }[] }[] = [];
  const allCells = new Map<string, string>();
  const perMonth: { month: string; cells: { id: string; name: string }[] }[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${input.year}-${String(m).padStart(2, '0')}`;
    const end = lastDayOf(month);
    if (end >= today) break;
    const cells = await cellsUnder(db, [unit.path], end);
    cells.forEach((c) => allCells.set(c.id, c.name));
    perMonth.push({ month, cells: cells.map((c) => ({ id: c.id, name: c.name })) });
  }
  const ids = [...allCells.keys()];
  const held = ids.length
    ? await db
        .select({ cellId: cellMeetings.cellId, kind: cellMeetings.kind, month: sql<string>`to_char(${cellMeetings.heldOn}, 'YYYY-MM')` })
        .from(cellMeetings)
        .where(and(inArray(cellMeetings.cellId, ids), eq(cellMeetings.status, 'held'), sql`${cellMeetings.heldOn} BETWEEN ${`${input.year}-01-01`}::date AND ${`${input.year}-12-31`}::date`))
    : [];
  const heldKey = new Set(held.map((h) => `${h.cellId}:${h.kind}:${h.month}`));
  for (const { month, cells } of perMonth) {
    const missed = cells.filter((c) => !heldKey.has(`${c.id}:regular:${month}`)).map((c) => ({ cellId: c.id, cell: c.name }));
    months.push({ month, cells: cells.length, missed: missed.sort((a, b) => a.cell.localeCompare(b.cell, 'vi')) });
  }
  const quarters = [1, 2, 3, 4]
    .map((q) => ({ q, last: perMonth.find((p) => p.month === `${input.year}-${String(q * 3).padStart(2, '0')}`) }))
    .filter((x) => x.last)
    .map(({ q, last }) => {
      const inQ = (mo: string) => Math.ceil(Number(mo.slice(5, 7)) / 3) === q;
      const missed = last!.cells.filter((c) => !held.some((h) => h.cellId === c.id && h.kind === 'thematic' && inQ(h.month))).map((c) => ({ cellId: c.id, cell: c.name }));
      return { quarter: `${input.year}-Q${q}`, cells: last!.cells.length, missed };
    });
  return { unitId: input.unitId, unitName: unit.name, year: input.year, months, quarters };
}

/** The units whose plan or missed list the actor may open: where those pages start. */
export const overseenBranches = (actor: Actor) => branchesFor(meetingPolicy, actor, 'meeting.oversee');

/** The members of the meeting's cell on its day (held, else planned). */
export const membersOfMeeting = (exec: Executor, m: MeetingRow) => cellMembersOn(exec, m.cellId, m.heldOn ?? m.plannedOn);

/** One meeting as its page shows it: the agenda with the open items of earlier meetings, members with invitation and attendance, materials, action items, score, warnings. */
export async function getMeeting(db: Db, actor: Actor, id: string) {
  const { meeting: m, cellPath, cellName } = await loadMeeting(db, actor, id);
  const today = todayIso();
  const [rules, template, members, invitations, attendance, materials, items, carried, studies, attached] = await Promise.all([
    loadRules(db),
    loadTemplate(db, m.scoreTemplate),
    membersOfMeeting(db, m),
    db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, id)),
    db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, id)),
    db
      .select({ id: meetingMaterials.id, fileName: meetingMaterials.fileName, mime: meetingMaterials.mime, size: meetingMaterials.size, sentOn: meetingMaterials.sentOn })
      .from(meetingMaterials)
      .where(eq(meetingMaterials.meetingId, id)),
    db.select().from(meetingActionItems).where(eq(meetingActionItems.meetingId, id)).orderBy(asc(meetingActionItems.dueOn)),
    // Open items of the cell's earlier meetings (and those this meeting followed up): they join its agenda by themselves.
    db
      .select({ item: meetingActionItems, from: cellMeetings.plannedOn })
      .from(meetingActionItems)
      .innerJoin(cellMeetings, eq(cellMeetings.id, meetingActionItems.meetingId))
      .where(
        and(
          eq(meetingActionItems.cellId, m.cellId),
          lt(sql`coalesce(${cellMeetings.heldOn}, ${cellMeetings.plannedOn})`, sql`${m.heldOn ?? m.plannedOn}::date`),
          sql`(${meetingActionItems.status} = 'open' OR ${meetingActionItems.followUpMeetingId} = ${id})`,
        ),
      )
      .orderBy(asc(meetingActionItems.dueOn)),
    // Documents sent to the cell to study: those still to study, and those this meeting studied.
    studiesOfCell(db, m.cellId, m.heldOn ?? m.plannedOn, today),
    // Party documents attached from the register (by reference), read back through documents' offered read.
    db.select().from(meetingDocumentMaterials).where(eq(meetingDocumentMaterials.meetingId, id)),
  ]);
  const attachedDocs = await documentsSentToCell(db, m.cellId, attached.map((a) => a.disseminationId));
  const extra = [...items, ...carried.map((c) => c.item)].map((i) => i.ownerPersonId).filter((p) => !members.some((x) => x.personId === p));
  const names = await personNames(db, [...new Set([...extra, ...attendance.map((a) => a.personId).filter((p) => !members.some((x) => x.personId === p))])]);
  const nameOf = (pid: string) => members.find((x) => x.personId === pid)?.fullName ?? names.get(pid) ?? '';
  const item = (i: typeof meetingActionItems.$inferSelect) => ({
    id: i.id,
    title: i.title,
    ownerPersonId: i.ownerPersonId,
    owner: nameOf(i.ownerPersonId),
    dueOn: i.dueOn,
    status: i.status,
    doneOn: i.doneOn,
    followUpNote: i.followUpNote,
    overdue: i.status === 'open' && i.dueOn < today,
  });
  const warnings: Warning[] = [];
  for (const mat of materials) {
    const w = materialsWarning(mat.sentOn, m.plannedOn, rules);
    if (w) warnings.push(w);
  }
  if (m.heldOn) {
    if (m.durationMinutes !== null && m.durationMinutes < minimumMinutes(members.length, rules))
      warnings.push({ code: 'meeting_too_short', message: `A meeting of this cell lasts at least ${minimumMinutes(members.length, rules)} minutes` });
    const w = m.resolutionPublishedOn ? resolutionWarning(m.resolutionPublishedOn, m.heldOn, rules) : today > addDays(m.heldOn, rules.resolutionDaysAfter) ? { code: 'resolution_missing', message: 'The resolution is not published yet' } : null;
    if (w) warnings.push(w);
  }
  const sheet = (scores: Record<string, number> | null, total: number | null) => (scores && total !== null ? { scores, total, band: bandOf(total, template.bands) } : null);
  return {
    meeting: {
      id: m.id,
      cellId: m.cellId,
      cell: cellName,
      kind: m.kind,
      slot: m.slot,
      plannedOn: m.plannedOn,
      startsAt: m.startsAt,
      location: m.location,
      topic: m.topic,
      status: m.status,
      state: meetingState(m, today),
      cancelReason: m.cancelReason,
      heldOn: m.heldOn,
      durationMinutes: m.durationMinutes,
      invitationMessage: m.invitationMessage,
      invitationsSentOn: m.invitationsSentOn,
      guests: m.guests,
      minutes: (m.minutes as { chair?: string; secretary?: string; sections?: Record<string, string> } | null) ?? null,
      resolutionText: m.resolutionText,
      resolutionPublishedOn: m.resolutionPublishedOn,
      version: m.version,
    },
    agenda: m.agenda,
    carriedItems: carried.map((c) => ({ ...item(c.item), fromMeetingOn: c.from })),
    members: members.map((p) => {
      const inv = invitations.find((i) => i.personId === p.personId);
      const att = attendance.find((a) => a.personId === p.personId);
      return {
        personId: p.personId,
        fullName: p.fullName,
        invitation: inv ? { sentOn: inv.sentOn, acknowledgedAt: inv.acknowledgedAt?.toISOString() ?? null, apologyReason: inv.apologyReason } : null,
        attendance: att ? { status: att.status, reason: att.reason } : null,
      };
    }),
    materials: materials.map((x) => ({ ...x, late: materialsWarning(x.sentOn, m.plannedOn, rules) !== null })),
    documentMaterials: attachedDocs.map((d) => {
      const sentOn = attached.find((a) => a.disseminationId === d.disseminationId)!.sentOn;
      return { ...d, sentOn, late: materialsWarning(sentOn, m.plannedOn, rules) !== null, studiedHere: d.studiedOn !== null && d.studiedOn === m.heldOn };
    }),
    actionItems: items.map(item),
    studies,
    score: {
      criteria: template.criteria,
      bands: template.bands,
      self: sheet(m.selfScores, m.selfTotal),
      review: sheet(m.reviewScores, m.reviewTotal) ? { ...sheet(m.reviewScores, m.reviewTotal)!, note: m.reviewNote, closedOn: m.reviewClosedOn } : null,
    },
    rules,
    warnings,
    actions: meetingActions(actor, cellPath),
  };
}
export type MeetingDetail = Awaited<ReturnType<typeof getMeeting>>;

/** The file of a material, for a reader of the meeting. */
export async function readMaterial(db: Db, actor: Actor, meetingId: string, materialId: string) {
  await loadMeeting(db, actor, meetingId);
  const [f] = await db.select().from(meetingMaterials).where(and(eq(meetingMaterials.id, materialId), eq(meetingMaterials.meetingId, meetingId)));
  if (!f) throw notFound('File');
  return f;
}

/** A year that makes sense for a plan: this one, the next, or one already past. */
export function checkYear(year: number) {
  const now = Number(todayIso().slice(0, 4));
  if (year < 2000 || year > now + 1) throw invalid([{ path: 'year', code: 'meeting_year_out_of_range', message: `Between 2000 and ${now + 1}` }]);
}

/**
 * Meetings past their day and not recorded (nor cancelled), in the last year: the secretary is reminded after
 * `remindSecretaryAfterDays`, the commune (those who oversee the cell) after `remindCommuneAfterDays`.
 */
export async function unrecordedMeetings(db: Db, actor: Actor) {
  const today = todayIso();
  const rules = await loadRules(db);
  const cellPath = latestPathOf(sql`${cellMeetings.cellId}`);
  const runs = scopeFor(meetingPolicy, actor, 'meeting.run', { path: cellPath });
  const oversees = scopeFor(meetingPolicy, actor, 'meeting.oversee', { path: cellPath });
  const rows = await db
    .select({ id: cellMeetings.id, cellId: cellMeetings.cellId, kind: cellMeetings.kind, plannedOn: cellMeetings.plannedOn, cell: sql<string>`${latestNameOf(sql`${cellMeetings.cellId}`)}`, runs: sql<boolean>`${runs}` })
    .from(cellMeetings)
    .where(
      and(
        eq(cellMeetings.status, 'planned'),
        sql`${cellMeetings.plannedOn} <= ${addDays(today, -rules.remindSecretaryAfterDays)}::date AND ${cellMeetings.plannedOn} > ${addDays(today, -365)}::date`,
        sql`(${runs} OR (${oversees} AND ${cellMeetings.plannedOn} <= ${addDays(today, -rules.remindCommuneAfterDays)}::date))`,
      ),
    )
    .orderBy(asc(cellMeetings.plannedOn))
    .limit(500);
  return rows.map((r) => ({ id: r.id, cellId: r.cellId, cell: r.cell, kind: r.kind, plannedOn: r.plannedOn, level: reminderLevel(r.plannedOn, today, rules)!, yours: r.runs }));
}
