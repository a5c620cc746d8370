// Answers to a consultation by their origin: a member online with their account (one per member: a unique index),
// anyone with a one-time ballot code (its hash is marked used in the same transaction as the answer is stored, and
// the answer keeps no trace of the code), and the room's tally of the in-person meeting, entered by the secretary
// (each change logged with who and why; sums checked against those present and those who have not answered yet).
import { createHash, randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { BALLOT_ALPHABET, BALLOT_LENGTH, consultationIssue, isBallotShape, normalizeBallot, type TallyBody } from '../../../domain/consultations.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { AppError, conflict, invalid, type FieldIssue } from '../../platform/errors.js';
import { consultationAnswers, consultationBallots, consultationOptions, consultations, consultationTallies, consultationTallyCounts, consultationTallyLog } from './schema.js';
import { loadConsultation, stateOn, tallyOf, type ConsultationRow } from './service.js';

/** The actor of a ballot-code answer: nobody (no account, no name, no request id). */
const ballotActor: Actor = { userId: null, name: null, personId: null, grants: [] };

export const ballotHash = (normalized: string) => createHash('sha256').update(`chibo-ballot:${normalized}`).digest('hex');

export function newBallotCode(): string {
  let code = '';
  for (let i = 0; i < BALLOT_LENGTH; i++) code += BALLOT_ALPHABET[randomInt(BALLOT_ALPHABET.length)];
  return code;
}

function mustBeOpen(c: ConsultationRow, path: string) {
  const state = stateOn(c);
  if (state === 'closed') throw conflict('The consultation is closed', [consultationIssue('closed', path)]);
  if (state === 'upcoming') throw conflict('The consultation is not open yet', [consultationIssue('not_yet_open', path)]);
}

async function mustBeOption(tx: Tx, consultationId: string, optionId: string) {
  const [o] = await tx.select({ id: consultationOptions.id }).from(consultationOptions).where(and(eq(consultationOptions.id, optionId), eq(consultationOptions.consultationId, consultationId)));
  if (!o) throw invalid([consultationIssue('unknown_option', 'optionId')]);
}

/** Answers so far (online and by code) and the room's count: the total must stay within the eligible. */
async function answeredSoFar(tx: Tx, id: string) {
  const r = await tx.execute<{ answers: number; room: number }>(sql`
    SELECT (SELECT count(*) FROM consultation_answers WHERE consultation_id = ${id})::int AS answers,
           coalesce((SELECT present FROM consultation_tallies WHERE consultation_id = ${id}), 0)::int AS room`);
  return r.rows[0]!;
}

/** An answer beyond the eligible would count someone twice (a member answering online after the room counted them). */
async function mustHaveRoom(tx: Tx, c: ConsultationRow, path: string) {
  const { answers, room } = await answeredSoFar(tx, c.id);
  if (answers + room + 1 > c.eligibleMembers + c.households) throw conflict('Everyone eligible has already answered', [consultationIssue('all_answered', path)]);
}

/** A member answers with their account: once, while it is open, if they are on the eligible list. */
export async function answerOnline(db: Db, actor: Actor, id: string, input: { optionId: string }) {
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, actor, id, 'consultation.answer', true);
    mustBeOpen(c, 'optionId');
    await mustBeOption(tx, id, input.optionId);
    const onList = actor.personId
      ? (await tx.execute(sql`SELECT 1 FROM consultation_members WHERE consultation_id = ${id} AND person_id = ${actor.personId}`)).rows.length > 0
      : false;
    if (!onList) throw new AppError('forbidden', 'Only eligible members answer with their account', [consultationIssue('not_eligible', 'optionId')]);
    const [prior] = await tx.select({ id: consultationAnswers.id }).from(consultationAnswers).where(and(eq(consultationAnswers.consultationId, id), eq(consultationAnswers.personId, actor.personId!)));
    if (prior) throw conflict('You have already answered', [consultationIssue('already_answered', 'optionId')]);
    await mustHaveRoom(tx, c, 'optionId');
    await tx.insert(consultationAnswers).values({ consultationId: id, optionId: input.optionId, origin: 'online', personId: actor.personId, answeredOn: todayIso() });
    // The audit says that the member answered, not what: the option is in the answer row alone.
    await recordAudit(tx, actor, { action: 'consultation.answer', entityType: 'consultation', entityId: id, unitPath: c.unitPath, after: { origin: 'online' } });
    return { answered: true };
  });
}

/** Makes `count` new ballot codes; only their hashes are kept. The codes go once onto the printed sheet. */
export async function issueCodes(db: Db, actor: Actor, id: string, input: { count: number }) {
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, actor, id, 'consultation.manage', true);
    if (stateOn(c) === 'closed') throw conflict('The consultation is closed', [consultationIssue('closed', 'count')]);
    if (c.codesIssued + input.count > c.households) throw invalid([consultationIssue('too_many_codes', 'count')]);
    const codes = new Set<string>();
    while (codes.size < input.count) codes.add(newBallotCode());
    await tx.insert(consultationBallots).values([...codes].map((code) => ({ codeHash: ballotHash(code), consultationId: id })));
    await tx.update(consultations).set({ codesIssued: c.codesIssued + input.count }).where(eq(consultations.id, id));
    await recordAudit(tx, actor, { action: 'consultation.codes', entityType: 'consultation', entityId: id, unitPath: c.unitPath, after: { count: input.count, issued: c.codesIssued + input.count } });
    return { consultation: c, codes: [...codes], from: c.codesIssued + 1 };
  });
}

/**
 * Anyone answers with a ballot code, once. The code's hash is marked used and the answer stored in one
 * transaction; the answer row does not say which code it came with, and nothing names the person.
 */
export async function answerWithCode(db: Db, id: string, input: { code: string; optionId: string }) {
  const normalized = normalizeBallot(input.code);
  if (!isBallotShape(normalized)) throw invalid([consultationIssue('unknown_code', 'code')]);
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, null, id, 'consultation.read', true);
    mustBeOpen(c, 'code');
    await mustBeOption(tx, id, input.optionId);
    const today = todayIso();
    const used = await tx
      .update(consultationBallots)
      .set({ usedOn: today })
      .where(and(eq(consultationBallots.codeHash, ballotHash(normalized)), eq(consultationBallots.consultationId, id), sql`${consultationBallots.usedOn} IS NULL`))
      .returning({ h: consultationBallots.codeHash });
    if (used.length === 0) {
      const [known] = await tx.select({ h: consultationBallots.codeHash }).from(consultationBallots).where(and(eq(consultationBallots.codeHash, ballotHash(normalized)), eq(consultationBallots.consultationId, id)));
      if (known) throw conflict('This code has already been used', [consultationIssue('used_code', 'code')]);
      throw invalid([consultationIssue('unknown_code', 'code')]);
    }
    await mustHaveRoom(tx, c, 'code'); // a refusal here rolls the code's use back with the rest
    await tx.insert(consultationAnswers).values({ consultationId: id, optionId: input.optionId, origin: 'code', personId: null, answeredOn: today });
    await recordAudit(tx, ballotActor, { action: 'consultation.answer', entityType: 'consultation', entityId: id, unitPath: c.unitPath, after: { origin: 'code' } });
    return { answered: true };
  });
}

/**
 * The secretary enters (or corrects) the room's tally: every option counted once, the counts within those present,
 * those present within the eligible who have not answered online or by code. Each change is logged with who and
 * why; an entry made on a stale version is refused, and the same entry sent twice (the phone's outbox) applies once.
 */
export async function saveTally(db: Db, actor: Actor, id: string, input: TallyBody & { commandId: string }) {
  return db.transaction(async (tx) => {
    const c = await loadConsultation(tx, actor, id, 'consultation.tally', true);
    const [replayed] = await tx.select({ v: consultationTallyLog.version }).from(consultationTallyLog).where(eq(consultationTallyLog.commandId, input.commandId));
    if (replayed) return (await tallyOf(tx, id))!;
    if (c.decision !== null) throw conflict('The decision is recorded; the tally is final', [consultationIssue('tally_final', 'baseVersion')]);
    const before = await tallyOf(tx, id);
    if ((before?.version ?? 0) !== input.baseVersion) throw conflict('The tally was changed meanwhile', [consultationIssue('stale_tally', 'baseVersion')]);
    const issues: FieldIssue[] = [];
    const options = await tx.select({ id: consultationOptions.id }).from(consultationOptions).where(eq(consultationOptions.consultationId, id));
    const given = input.counts.map((x) => x.optionId);
    if (new Set(given).size !== given.length || given.length !== options.length || !options.every((o) => given.includes(o.id))) issues.push(consultationIssue('tally_options', 'counts'));
    if (input.heldOn < c.opensOn) issues.push(consultationIssue('not_yet_open', 'heldOn'));
    if (input.heldOn > todayIso()) issues.push(consultationIssue('held_in_future', 'heldOn'));
    const sum = input.counts.reduce((a, x) => a + x.count, 0);
    if (sum > input.present) issues.push(consultationIssue('tally_over_present', 'counts'));
    const { answers } = await answeredSoFar(tx, id);
    if (input.present > c.eligibleMembers + c.households - answers) issues.push(consultationIssue('tally_over_eligible', 'present'));
    if (issues.length) throw invalid(issues);
    const version = (before?.version ?? 0) + 1;
    const row = { consultationId: id, method: input.method, heldOn: input.heldOn, present: input.present, version };
    await tx.insert(consultationTallies).values(row).onConflictDoUpdate({ target: consultationTallies.consultationId, set: row });
    for (const x of input.counts)
      await tx
        .insert(consultationTallyCounts)
        .values({ consultationId: id, optionId: x.optionId, count: x.count })
        .onConflictDoUpdate({ target: [consultationTallyCounts.consultationId, consultationTallyCounts.optionId], set: { count: x.count } });
    const after = { method: input.method, heldOn: input.heldOn, present: input.present, counts: input.counts };
    const prev = before ? { method: before.method, heldOn: before.heldOn, present: before.present, counts: before.counts } : null;
    await tx.insert(consultationTallyLog).values({ consultationId: id, version, commandId: input.commandId, changedBy: actor.userId, changedByName: actor.name, reason: input.reason, before: prev, after });
    await recordAudit(tx, actor, { action: 'consultation.tally', entityType: 'consultation', entityId: id, unitPath: c.unitPath, before: prev, after: { ...after, reason: input.reason } });
    return (await tallyOf(tx, id))!;
  });
}

