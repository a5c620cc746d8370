// Rankings (total by the round's weights, ties broken by the round's rules), awards of the last round, publishing,
// the public results, certificates of merit (PDF) and the Excel export of participation and results per commune.
import { asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { awardFor, rank, type Award } from '../../../domain/contest.js';
import { formatDateVi, todayIso } from '../../../domain/dates.js';
import { allowed, type Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newWorkbook, workbookBuffer } from '../../platform/excel.js';
import { partyPdf, placeOf } from '../../platform/pdf.js';
import { latestPaths } from '../org/tree.js';
import { personNames } from '../people/cell-members.js';
import { signCertificateText, verifyCertificateText } from '../training/certificates.js';
import { scoreExpiredAttempts } from './attempts.js';
import { follow, loadContest, loadRound, organize, presentRound, type RoundRow } from './contests.js';
import { candidatePolicy, contestPolicy } from './policy.js';
import { panelScores } from './scoring.js';
import { contestAttempts, contestCandidates, contestRounds, contests } from './schema.js';

/** The round's ranking: per commune in a commune round (who goes on), across the province in a province round. */
export async function computeRanking(db: Executor, round: RoundRow, awards: Award[], last: boolean) {
  const candidates = await db.select().from(contestCandidates).where(eq(contestCandidates.roundId, round.id));
  const ids = candidates.map((c) => c.id);
  await scoreExpiredAttempts(db, ids);
  const attempts = ids.length ? await db.select().from(contestAttempts).where(inArray(contestAttempts.candidateId, ids)) : [];
  const panel = await panelScores(db, round, ids);
  const names = await personNames(db, candidates.map((c) => c.personId));
  const units = await latestPaths(db, [...new Set(candidates.flatMap((c) => [c.cellId, c.communeId]))]);
  const entries = candidates.map((c) => {
    const a = attempts.find((x) => x.candidateId === c.id);
    const p = panel.get(c.id)!;
    return {
      id: c.id,
      personId: c.personId,
      name: names.get(c.personId) ?? '',
      cell: units.get(c.cellId)?.name ?? '',
      commune: units.get(c.communeId)?.name ?? '',
      communeId: c.communeId,
      test: round.rules.quotas.length ? (a?.score ?? null) : null,
      presentation: round.rules.criteria.length ? p.score : null,
      judges: p.judges,
      judgeTotals: p.totals.map((t) => t.total),
      dropped: p.dropped,
      finishedAt: a?.finishedAt?.toISOString() ?? null,
      attemptId: a?.id ?? null,
    };
  });
  const groups = round.level === 'commune' ? [...new Set(entries.map((e) => e.communeId))] : [null];
  const ranked = groups.flatMap((g) =>
    rank(
      entries.filter((e) => g === null || e.communeId === g),
      round.rules,
    ).map((e) => ({
      ...e,
      advances: round.level === 'commune' && e.rank <= round.rules.advancePerCommune,
      award: last && round.level === 'province' ? awardFor(e.rank, awards) : null,
    })),
  );
  return ranked.sort((a, b) => a.commune.localeCompare(b.commune, 'vi') * (round.level === 'commune' ? 1 : 0) || a.rank - b.rank);
}

async function roundsOf(db: Executor, contestId: string) {
  return db.select().from(contestRounds).where(eq(contestRounds.contestId, contestId)).orderBy(asc(contestRounds.opensAt));
}

export async function roundRanking(db: Db, actor: Actor, roundId: string) {
  const { round, orgPath, contest } = await loadRound(db, actor, roundId);
  follow(actor, orgPath, 'Round');
  const rounds = await roundsOf(db, contest.id);
  const last = rounds[rounds.length - 1]?.id === round.id;
  return { round: presentRound(round), published: contest.publishedAt !== null, entries: await computeRanking(db, round, contest.awards, last) };
}

/** Publishes the results: every round's ranks and totals, the last round's awards, written on the candidates. */
export async function publishResults(db: Db, actor: Actor, contestId: string) {
  return db.transaction(async (tx) => {
    const { contest, orgPath } = await loadContest(tx, actor, contestId);
    organize(actor, orgPath, 'Contest');
    await tx.execute(sql`SELECT 1 FROM contests WHERE id = ${contestId} FOR UPDATE`);
    const rounds = await roundsOf(tx, contestId);
    const open = rounds.filter((r) => r.closesAt > new Date());
    if (open.length) throw conflict('Results are published once every round has closed', [{ path: 'contestId', code: 'round_not_closed', message: 'A round is still open' }]);
    let written = 0;
    for (const [i, r] of rounds.entries()) {
      for (const e of await computeRanking(tx as unknown as Db, r, contest.awards, i === rounds.length - 1)) {
        await tx.update(contestCandidates).set({ rank: e.rank, total: totalOfEntry(e, r), award: e.award }).where(eq(contestCandidates.id, e.id));
        written++;
      }
    }
    await tx.update(contests).set({ publishedAt: new Date() }).where(eq(contests.id, contestId));
    await recordAudit(tx, actor, { action: 'contest.publish', entityType: 'contest', entityId: contestId, unitPath: orgPath, after: { candidates: written } });
    return { published: true, candidates: written };
  });
}

const totalOfEntry = (e: { total: number }, _r: RoundRow) => e.total;

/** The published results of a year's contest, for anyone (the public page): every round's ranking, the awards. */
/** The years whose results are published, newest first: offered to the portal, which links the latest. */
export async function publishedContestYears(db: Executor): Promise<number[]> {
  const rows = await db.select({ year: contests.year }).from(contests).where(isNotNull(contests.publishedAt)).orderBy(asc(contests.year));
  return rows.map((r) => r.year).reverse();
}

export async function publicResults(db: Executor, year: number) {
  const [c] = await db.select().from(contests).where(eq(contests.year, year));
  if (!c || !c.publishedAt) throw notFound('Results');
  const rounds = await roundsOf(db, c.id);
  const all = await db.select().from(contestCandidates).where(inArray(contestCandidates.roundId, rounds.map((r) => r.id)));
  const names = await personNames(db, all.map((x) => x.personId));
  const units = await latestPaths(db, [...new Set(all.flatMap((x) => [x.cellId, x.communeId]))]);
  const years = await db.select({ year: contests.year }).from(contests).where(isNotNull(contests.publishedAt)).orderBy(asc(contests.year));
  return {
    year: c.year,
    title: c.title,
    publishedAt: c.publishedAt.toISOString(),
    years: years.map((y) => y.year),
    rounds: rounds.map((r) => ({
      id: r.id,
      level: r.level,
      title: r.title,
      entries: all
        .filter((x) => x.roundId === r.id && x.rank !== null)
        .map((x) => ({ rank: x.rank!, name: names.get(x.personId) ?? '', cell: units.get(x.cellId)?.name ?? '', commune: units.get(x.communeId)?.name ?? '', total: x.total, award: x.award }))
        .sort((a, b) => a.commune.localeCompare(b.commune, 'vi') * (r.level === 'commune' ? 1 : 0) || a.rank - b.rank),
    })),
  };
}

const AWARD_VI: Record<string, string> = { first: 'Giải Nhất', second: 'Giải Nhì', third: 'Giải Ba', consolation: 'Giải Khuyến khích' };

/** The text a certificate of merit's signature covers: what the public page shows, in a fixed order. */
const meritPayload = (m: { id: string; name: string; title: string; year: number; award: string | null; rank: number | null; total: number | null }) =>
  ['chibo-merit-v1', m.id, m.name, m.title, String(m.year), m.award ?? '', String(m.rank ?? ''), String(m.total ?? '')].join('\n');

/**
 * The public check of a certificate of merit by its code (the candidate's id) and the signature its QR carries: the
 * record as published now, and whether the signature is the record's — an edited PDF, or one of results published
 * again differently, does not pass. An unknown code, or one with no published award, is 404.
 */
export async function verifyMerit(db: Executor, id: string, signature: string | undefined) {
  const [c] = await db.select().from(contestCandidates).where(eq(contestCandidates.id, id));
  if (!c || !c.award) throw notFound('Certificate');
  const [round] = await db.select().from(contestRounds).where(eq(contestRounds.id, c.roundId));
  const [contest] = await db.select().from(contests).where(eq(contests.id, round!.contestId));
  if (!contest?.publishedAt) throw notFound('Certificate');
  const name = (await personNames(db, [c.personId])).get(c.personId) ?? '';
  const units = await latestPaths(db, [c.cellId, c.communeId]);
  const text = meritPayload({ id: c.id, name, title: contest.title, year: contest.year, award: c.award, rank: c.rank, total: c.total });
  const valid = signature ? await verifyCertificateText(db, text, signature) : false;
  return {
    code: c.id,
    signature: (signature ? (valid ? 'valid' : 'invalid') : 'absent') as 'valid' | 'invalid' | 'absent',
    personName: name,
    cell: units.get(c.cellId)?.name ?? '',
    commune: units.get(c.communeId)?.name ?? '',
    contest: contest.title,
    year: contest.year,
    award: c.award,
    rank: c.rank,
    total: c.total,
    publishedOn: contest.publishedAt.toISOString().slice(0, 10),
  };
}

/** The certificate of merit of an awarded candidate, once published: for the candidate or the organizers. */
export async function certificate(db: Executor, actor: Actor, candidateId: string, origin: string): Promise<{ fileName: string; pdf: Buffer }> {
  const [c] = await db.select().from(contestCandidates).where(eq(contestCandidates.id, candidateId));
  if (!c) throw notFound('Candidate');
  const { contest, orgPath, orgName } = await loadRound(db, actor, c.roundId);
  const own = allowed(candidatePolicy, actor, 'candidate.readOwn', { path: c.cellPath, personId: c.personId });
  if (!own && !allowed(contestPolicy, actor, 'contest.followResults', { path: orgPath })) throw notFound('Candidate');
  if (!contest.publishedAt || !c.award) throw conflict('No certificate: the results are not published or carry no award', [{ path: 'candidateId', code: 'not_published', message: 'The results are not published yet' }]);
  const name = (await personNames(db, [c.personId])).get(c.personId) ?? '';
  const units = await latestPaths(db, [c.cellId, c.communeId]);
  const date = contest.publishedAt.toISOString().slice(0, 10);
  const signature = await signCertificateText(db, meritPayload({ id: c.id, name, title: contest.title, year: contest.year, award: c.award, rank: c.rank, total: c.total }));
  const url = `${origin}/xac-minh/giay-khen/${c.id}?s=${signature}`;
  const pdf = await partyPdf({
    issuer: 'Tỉnh ủy',
    unitName: 'Ban Tổ chức',
    place: placeOf(orgName.replace(/^Tỉnh ủy\s+/i, '')),
    date,
    title: `Giấy khen ${contest.title}`,
    content: [
      { text: 'GIẤY KHEN', bold: true, fontSize: 22, alignment: 'center', margin: [0, 30, 0, 10] },
      { text: contest.title, italics: true, alignment: 'center', margin: [0, 0, 0, 24] },
      { text: 'Tặng đồng chí', alignment: 'center' },
      { text: name, bold: true, fontSize: 18, alignment: 'center', margin: [0, 6, 0, 6] },
      { text: `Bí thư ${units.get(c.cellId)?.name ?? ''}, ${units.get(c.communeId)?.name ?? ''}`, alignment: 'center' },
      { text: `Đã đạt ${AWARD_VI[c.award] ?? c.award} (xếp thứ ${c.rank}, ${String(c.total).replace('.', ',')} điểm)`, bold: true, alignment: 'center', margin: [0, 18, 0, 0] },
      { text: `Hội thi Bí thư chi bộ giỏi năm ${contest.year}`, alignment: 'center', margin: [0, 4, 0, 40] },
      { text: `Ngày ${formatDateVi(date)}`, alignment: 'right', italics: true },
      { qr: url, fit: 100, margin: [0, 12, 0, 4] },
      { text: `Mã xác minh: ${c.id}`, fontSize: 9 },
      { text: 'Quét mã QR để kiểm tra giấy khen tại trang xác minh công khai.', italics: true, fontSize: 9 },
      { text: url, fontSize: 6, color: '#555555', margin: [0, 4, 0, 0] },
    ],
  });
  return { fileName: `giay-khen-${contest.year}-${c.rank}.pdf`, pdf };
}

/** Participation and results per commune, and the last round's ranking, as an Excel workbook. */
export async function exportContest(db: Db, actor: Actor, contestId: string): Promise<{ fileName: string; xlsx: Buffer }> {
  const { contest, orgPath } = await loadContest(db, actor, contestId);
  follow(actor, orgPath, 'Contest');
  const rounds = await roundsOf(db, contestId);
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('Theo xã');
  sheet.addRow(['Xã/phường', 'Vòng', 'Thí sinh', 'Đã làm bài thi', 'Điểm bình quân', 'Đạt giải']);
  for (const [i, r] of rounds.entries()) {
    const ranking = await computeRanking(db, r, contest.awards, i === rounds.length - 1);
    const communes = [...new Set(ranking.map((e) => e.commune))].sort((a, b) => a.localeCompare(b, 'vi'));
    for (const c of communes) {
      const mine = ranking.filter((e) => e.commune === c);
      const avg = mine.reduce((s, e) => s + e.total, 0) / mine.length;
      sheet.addRow([c, r.title, mine.length, mine.filter((e) => e.test !== null).length, Math.round(avg * 100) / 100, mine.filter((e) => e.award).length]);
    }
    const rs = wb.addWorksheet(`Xếp hạng ${i + 1}`.slice(0, 31));
    rs.addRow(['Hạng', 'Họ và tên', 'Chi bộ', 'Xã/phường', 'Bài thi', 'Thuyết trình', 'Tổng', 'Giải']);
    for (const e of ranking) rs.addRow([e.rank, e.name, e.cell, e.commune, e.test, e.presentation, e.total, e.award ? AWARD_VI[e.award] : '']);
  }
  return { fileName: `hoi-thi-bi-thu-gioi-${contest.year}-${todayIso()}.xlsx`, xlsx: await workbookBuffer(wb) };
}
