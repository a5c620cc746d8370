// The demo province's contest, held yearly since 2023 (the article): a question bank from the Charter, Chỉ thị 50,
// Quy định 366 and the handling of village situations; the 2023, 2024 and 2025 contests with their commune and
// province rounds, candidates, tests, judges' scores and published results; and the 2026 contest open now, where the
// `bithu` account (a cell secretary) is registered and can take the test, and a panel of three judges (admin,
// kiemtra, canbo.xa2) scores a presentation — canbo.xa2 already has, for commune A's candidates.
// Bulk where large (one INSERT per table and year, a stable hash per person for the spread, never Math.random).
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { drawQuestions, isCorrect, type Award, type NewQuestion, type RoundRules } from '../../../domain/contest.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { versionsOn } from '../org/queries.js';
import { secretaryTermsOn } from '../people/queries.js';
import { accountGrants } from '../users/queries.js';
import { communeWinners } from './advancing.js';
import { computeRanking } from './results.js';
import { contestAnswers, contestAttempts, contestJudges, contestQuestions, contestRounds, contests, contestScores } from './schema.js';

const actor = systemActor('demo-seed');
const hash = (s: string) => parseInt(createHash('md5').update(s).digest('hex').slice(0, 7), 16);

const q = (category: NewQuestion['category'], difficulty: NewQuestion['difficulty'], text: string, options: string[], correct: number[]): NewQuestion => ({ category, difficulty, text, options, correct });
const BANK: NewQuestion[] = [
  q('charter', 'medium', 'Theo Điều lệ Đảng, chi bộ có ít nhất bao nhiêu đảng viên chính thức?', ['2', '3', '5', '9'], [1]),
  q('charter', 'medium', 'Chi bộ có dưới 9 đảng viên chính thức thì bầu gì?', ['Chi ủy', 'Bí thư, và phó bí thư nếu cần', 'Ban chấp hành', 'Tổ đảng'], [1]),
  q('charter', 'medium', 'Chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?', ['5', '7', '9', '15'], [2]),
  q('charter', 'medium', 'Đại hội chi bộ được tổ chức mấy lần trong nhiệm kỳ 5 năm?', ['Một lần', 'Hai lần', 'Hằng năm', 'Khi cần'], [1]),
  q('charter', 'medium', 'Đảng viên dự bị có những quyền nào sau đây?', ['Biểu quyết', 'Ứng cử', 'Được thông tin, thảo luận, phát biểu ý kiến', 'Bầu cử'], [2]),
  q('charter', 'easy', 'Chi bộ sinh hoạt thường kỳ bao lâu một lần?', ['Mỗi tháng một lần', 'Mỗi quý một lần', 'Sáu tháng một lần', 'Mỗi năm một lần'], [0]),
  q('resolutions', 'easy', 'Chỉ thị 50-CT/TW (23/7/2025) của Ban Bí thư về vấn đề gì?', ['Nâng cao chất lượng sinh hoạt chi bộ', 'Công tác cán bộ', 'Kinh tế tập thể', 'Chuyển đổi số'], [0]),
  q('resolutions', 'easy', 'Sinh hoạt chuyên đề của chi bộ được tổ chức ít nhất bao lâu một lần?', ['Mỗi tháng', 'Mỗi quý', 'Mỗi năm', 'Hai năm'], [1]),
  q('resolutions', 'easy', 'Nghị quyết 21-NQ/TW (16/6/2022) bàn về vấn đề gì?', ['Củng cố tổ chức cơ sở đảng, nâng cao chất lượng đảng viên', 'Phát triển du lịch', 'Giáo dục phổ thông', 'Quốc phòng'], [0]),
  q('resolutions', 'easy', 'Quy định 366-QĐ/TW (30/8/2025) thay thế quy định nào?', ['124-QĐ/TW', '132-QĐ/TW', '69-QĐ/TW', '22-QĐ/TW'], [0]),
  q('resolutions', 'easy', 'Theo Hướng dẫn 42-HD/BTCTW, tài liệu sinh hoạt được gửi đảng viên trước ít nhất bao lâu?', ['1 ngày', '3 ngày', '7 ngày', 'Không quy định'], [0]),
  q('resolutions', 'medium', 'Mức "Hoàn thành xuất sắc nhiệm vụ" theo Quy định 366 cần từ bao nhiêu điểm?', ['70', '80', '90', '95'], [2]),
  q('resolutions', 'medium', 'Chi bộ dưới 30 đảng viên sinh hoạt thường kỳ tối thiểu bao nhiêu phút?', ['60', '90', '120', '150'], [1]),
  q('resolutions', 'medium', 'Đề án 16-ĐA/TU (3/1/2020) của Tỉnh ủy nhằm nâng cao điều gì?', ['Chất lượng sinh hoạt chi bộ', 'Thu ngân sách', 'Giao thông nông thôn', 'Y tế cơ sở'], [0]),
  q('party_building', 'medium', 'Nghị quyết của kỳ sinh hoạt chi bộ được công bố trong bao lâu sau cuộc họp?', ['2 ngày', '5 ngày', '10 ngày', '1 tháng'], [0]),
  q('party_building', 'medium', 'Những việc nào bí thư chi bộ cần chuẩn bị trước kỳ sinh hoạt?', ['Nội dung, tài liệu', 'Thông báo cho đảng viên', 'Dự thảo nghị quyết', 'Bỏ qua phần kiểm điểm'], [0, 1, 2]),
  q('party_building', 'medium', 'Khi chi bộ đạt sự đồng thuận về một vấn đề của thôn, bí thư nên làm gì?', ['Phân công đảng viên tổ chức thực hiện và theo dõi', 'Chờ cấp trên chỉ đạo', 'Giao toàn bộ cho trưởng thôn', 'Không làm gì'], [0]),
  q('party_building', 'medium', 'Đánh giá chất lượng sinh hoạt chi bộ theo thang bao nhiêu điểm?', ['10', '50', '100', '1000'], [2]),
  q('party_building', 'easy', 'Bí thư chi bộ kiêm trưởng thôn thường được gọi là gì?', ['"Hai vai"', '"Một cửa"', '"Ba cùng"', '"Bốn tốt"'], [0]),
  q('situations', 'hard', 'Người dân phản ánh trưởng thôn thu tiền trái quy định. Bí thư chi bộ làm gì trước tiên?', ['Bỏ qua vì chưa có bằng chứng', 'Nắm tình hình, đưa ra chi bộ và báo cáo đảng ủy xã', 'Tự xử phạt trưởng thôn', 'Đăng lên mạng xã hội'], [1]),
  q('situations', 'hard', 'Một đảng viên nhiều lần không sinh hoạt chi bộ không có lý do. Chi bộ xử lý thế nào?', ['Kiểm điểm, giúp đỡ; quá số lần quy định thì xem xét xóa tên', 'Không cần xử lý', 'Khai trừ ngay', 'Chuyển sinh hoạt nơi khác'], [0]),
  q('situations', 'hard', 'Hai dòng họ trong thôn tranh chấp đất. Bí thư chi bộ nên làm gì?', ['Đứng về phía dòng họ lớn', 'Phối hợp trưởng thôn, mặt trận hòa giải; báo cáo xã nếu vượt thẩm quyền', 'Để tòa án giải quyết, không can thiệp', 'Triệu tập công an ngay'], [1]),
  q('situations', 'hard', 'Người dân gửi góp ý ẩn danh phê bình bí thư. Bí thư cần làm gì?', ['Tìm ra người gửi', 'Tiếp thu, đưa ra chi bộ kiểm điểm, báo cáo kết quả', 'Xóa góp ý', 'Phản bác công khai'], [1]),
  q('situations', 'hard', 'Thôn cần lấy ý kiến về làm đường bê tông có đóng góp của dân. Bước đúng là?', ['Quyết định ngay trong chi bộ', 'Chi bộ thống nhất chủ trương, đưa ra hội nghị thôn bàn, dân quyết định', 'Để trưởng thôn tự quyết', 'Chờ ngân sách nhà nước'], [1]),
  q('situations', 'medium', 'Đảng viên mới chuyển đến thôn nhưng chưa nộp hồ sơ. Bí thư làm gì?', ['Hướng dẫn làm thủ tục chuyển sinh hoạt đảng', 'Cho sinh hoạt không cần hồ sơ', 'Từ chối', 'Chờ một năm'], [0]),
];

const QUOTAS: RoundRules['quotas'] = [
  { category: 'resolutions', difficulty: 'easy', count: 3 },
  { category: 'charter', difficulty: 'medium', count: 3 },
  { category: 'party_building', difficulty: 'medium', count: 2 },
  { category: 'situations', difficulty: 'hard', count: 2 },
];
const CRITERIA: RoundRules['criteria'] = [
  { code: 'content', label: 'Nội dung, kiến thức', max: 50 },
  { code: 'solution', label: 'Giải pháp xử lý tình huống', max: 30 },
  { code: 'delivery', label: 'Phong cách trình bày', max: 20 },
];
const communeRules: RoundRules = { quotas: QUOTAS, testMinutes: 30, criteria: [], dropHighLowFrom: 0, testWeight: 1, presentationWeight: 0, tieBreaks: ['finished_first'], advancePerCommune: 1 };
// The province rounds of past years were scored by three judges without dropping (the mean of three breaks more ties).
const provinceRules: RoundRules = { quotas: [], testMinutes: 30, criteria: CRITERIA, dropHighLowFrom: 4, testWeight: 0, presentationWeight: 1, tieBreaks: ['presentation'], advancePerCommune: 0 };
const AWARDS: Award[] = [
  { code: 'first', places: 1 },
  { code: 'second', places: 2 },
  { code: 'third', places: 3 },
  { code: 'consolation', places: 5 },
];

interface Bank {
  id: string;
  category: NewQuestion['category'];
  difficulty: NewQuestion['difficulty'];
  correct: number[];
  options: string[];
}

async function provincePath(db: Db, provinceId: string): Promise<string> {
  const r = await db.execute<{ path: string }>(sql`SELECT v.path FROM ${versionsOn(sql`current_date`)} v WHERE v.unit_id = ${provinceId}`);
  return r.rows[0]!.path;
}

/** Registers up to `perCommune` secretaries of each commune (a stable pick per year) in the round, as on `date`. */
async function registerSecretaries(db: Db, roundId: string, date: string, path: string, perCommune: number, salt: string, only?: string[]) {
  const d = sql`${date}::date`;
  const r = await db.execute<{ id: string; person_id: string; commune_id: string }>(sql`
    INSERT INTO contest_candidates (round_id, person_id, cell_id, cell_path, commune_id, registered_at)
    SELECT ${roundId}::uuid, x.person_id, x.unit_id, x.path, x.parent_id, ${d}
    FROM (SELECT t.person_id, t.unit_id, v.path, v.parent_id,
            row_number() OVER (PARTITION BY v.parent_id ORDER BY md5(t.person_id::text || ${salt})) AS n
          FROM ${secretaryTermsOn(d)} t JOIN ${versionsOn(d)} v ON v.unit_id = t.unit_id
          WHERE v.path LIKE ${path + '%'} ${only ? sql`AND t.person_id = ANY(${sql.param(only)}::uuid[])` : sql``}) x
    WHERE x.n <= ${perCommune}
    ON CONFLICT DO NOTHING
    RETURNING id, person_id, commune_id`);
  return r.rows;
}

/** A finished attempt per candidate, with its answers: right on a stable share of the questions (55–100%). */
async function seedAttempts(db: Db, bank: Bank[], candidates: { id: string; person_id: string }[], startedAt: Date, salt: string) {
  if (candidates.length === 0) return 0;
  const attempts: (typeof contestAttempts.$inferInsert)[] = [];
  const answers: { attemptId: string; questionId: string; chosen: number[]; answeredAt: Date }[] = [];
  for (const c of candidates) {
    const h = hash(c.person_id + salt);
    const seed = h % 2147483647;
    const ids = drawQuestions(bank, QUOTAS, seed);
    const share = 0.55 + (h % 46) / 100;
    const start = new Date(startedAt.getTime() + (h % 360) * 60_000);
    const id = crypto.randomUUID();
    let right = 0;
    ids.forEach((qid, i) => {
      const b = bank.find((x) => x.id === qid)!;
      const ok = (hash(qid + c.person_id) % 100) / 100 < share;
      const chosen = ok ? b.correct : [(b.correct[0]! + 1) % b.options.length];
      if (isCorrect(b.correct, chosen)) right++;
      answers.push({ attemptId: id, questionId: qid, chosen, answeredAt: new Date(start.getTime() + (i + 1) * 90_000) });
    });
    const finished = new Date(start.getTime() + (ids.length + 1) * 90_000 + (h % 300) * 1000);
    attempts.push({ id, candidateId: c.id, seed, questionIds: ids, quotas: QUOTAS, startedAt: start, deadline: new Date(start.getTime() + 30 * 60_000), finishedAt: finished, score: Math.round((10000 * right) / ids.length) / 100 });
  }
  await db.insert(contestAttempts).values(attempts);
  for (let i = 0; i < answers.length; i += 2000) await db.insert(contestAnswers).values(answers.slice(i, i + 2000));
  return attempts.length;
}

/** Each judge's score of each candidate (no judge scores their own commune's), spread by a stable hash. */
async function seedScores(db: Db, candidates: { id: string; person_id: string; commune_id: string }[], judges: { id: string; communeId: string | null }[], submittedAt: Date) {
  const rows: (typeof contestScores.$inferInsert)[] = [];
  for (const c of candidates) {
    const base = 55 + (hash(c.person_id + 'talent') % 40);
    for (const j of judges) {
      if (j.communeId === c.commune_id) continue;
      const pts: Record<string, number> = {};
      for (const k of CRITERIA) pts[k.code] = Math.min(k.max, Math.round((k.max * Math.min(100, base + (hash(c.id + j.id + k.code) % 15) - 7)) / 100));
      const total = CRITERIA.reduce((s, k) => s + pts[k.code]!, 0);
      rows.push({ candidateId: c.id, judgeUserId: j.id, points: pts, criteria: CRITERIA, total, submittedAt });
    }
  }
  if (rows.length) await db.insert(contestScores).values(rows);
  return rows.length;
}

async function publish(db: Db, contestId: string, rounds: (typeof contestRounds.$inferSelect)[], publishedAt: Date) {
  for (const [i, r] of rounds.entries()) {
    const ranked = await computeRanking(db, r, AWARDS, i === rounds.length - 1);
    if (ranked.length === 0) continue;
    await db.execute(sql`
      UPDATE contest_candidates c SET rank = x.rank, total = x.total, award = x.award
      FROM unnest(${sql.param(ranked.map((e) => e.id))}::uuid[], ${sql.param(ranked.map((e) => e.rank))}::int[], ${sql.param(ranked.map((e) => e.total))}::numeric[], ${sql.param(ranked.map((e) => e.award))}::text[]) AS x(id, rank, total, award)
      WHERE c.id = x.id`);
  }
  await db.update(contests).set({ publishedAt }).where(sql`${contests.id} = ${contestId}`);
}

export async function seedContestDemo(db: Db, input: DemoContext): Promise<Record<string, number>> {
  const path = await provincePath(db, input.provinceId);
  // Once: a second run adds nothing.
  if ((await db.select({ id: contests.id }).from(contests).limit(1)).length > 0) return { questions: 0, contests: 0, candidates: 0, attempts: 0, scores: 0 };
  const inserted = await db.insert(contestQuestions).values(BANK.map((b) => ({ ...b, createdAt: new Date('2023-01-05T00:00:00Z') }))).returning();
  const bank: Bank[] = inserted.map((b) => ({ id: b.id, category: b.category, difficulty: b.difficulty, correct: b.correct, options: b.options }));
  // The demo accounts: their grant's unit (a commune for canbo.xa2) and person (bithu's).
  const grants = await db.execute<{ user_id: string; username: string; unit_id: string; person_id: string | null }>(sql`
    SELECT a.user_id, a.username, a.unit_id, a.person_id FROM ${accountGrants} a WHERE a.username IN ('admin', 'kiemtra', 'canbo.xa2', 'bithu')`);
  const account = (u: string) => grants.rows.find((a) => a.username === u);
  const judges = ['admin', 'kiemtra', 'canbo.xa2']
    .map(account)
    .filter((x) => x !== undefined)
    .map((x) => ({ id: x.user_id, communeId: x.username === 'canbo.xa2' ? x.unit_id : null }));
  const counts = { questions: bank.length, contests: 0, candidates: 0, attempts: 0, scores: 0 };

  for (const year of [2023, 2024, 2025]) {
    const [c] = await db.insert(contests).values({ year, title: `Hội thi "Bí thư chi bộ giỏi" năm ${year}`, organizerUnitId: input.provinceId, awards: AWARDS }).returning();
    const rounds = await db
      .insert(contestRounds)
      .values([
        { contestId: c!.id, level: 'commune' as const, title: 'Vòng sơ khảo cấp xã (thi trắc nghiệm trực tuyến)', opensAt: new Date(`${year}-08-01T01:00:00Z`), closesAt: new Date(`${year}-08-31T10:00:00Z`), rules: communeRules },
        { contestId: c!.id, level: 'province' as const, title: 'Vòng chung khảo cấp tỉnh (thuyết trình, xử lý tình huống)', opensAt: new Date(`${year}-10-10T01:00:00Z`), closesAt: new Date(`${year}-10-12T10:00:00Z`), rules: provinceRules },
      ])
      .returning();
    const entrants = await registerSecretaries(db, rounds[0]!.id, `${year}-07-20`, path, 2, String(year));
    counts.attempts += await seedAttempts(db, bank, entrants, new Date(`${year}-08-05T01:00:00Z`), String(year));
    // The province round takes the winners its closed commune round sends on — the same list and rule the
    // registration enforces (advancing.ts), so the demo cannot seed a finalist the server would refuse.
    const { ranking: communeRanking } = await communeWinners(db, rounds[1]!, c!);
    const finalists = communeRanking.filter((e) => e.advances).map((e) => e.personId);
    const finals = await registerSecretaries(db, rounds[1]!.id, `${year}-07-20`, path, 1, String(year), finalists);
    counts.scores += await seedScores(db, finals, judges, new Date(`${year}-10-11T03:00:00Z`));
    if (judges.length) await db.insert(contestJudges).values(judges.map((j) => ({ roundId: rounds[1]!.id, userId: j.id })));
    await publish(db, c!.id, rounds, new Date(`${year}-10-20T02:00:00Z`));
    counts.contests++;
    counts.candidates += entrants.length + finals.length;
  }

  // 2026: the commune round is open — a test, then a presentation before three judges.
  const now = Date.now();
  const [c26] = await db.insert(contests).values({ year: 2026, title: 'Hội thi "Bí thư chi bộ giỏi" năm 2026', organizerUnitId: input.provinceId, awards: AWARDS }).returning();
  const [open] = await db
    .insert(contestRounds)
    .values({
      contestId: c26!.id,
      level: 'commune',
      title: 'Vòng sơ khảo cấp xã',
      opensAt: new Date(now - 10 * 86400_000),
      closesAt: new Date(now + 20 * 86400_000),
      rules: { ...communeRules, criteria: CRITERIA, dropHighLowFrom: 3, testWeight: 0.5, presentationWeight: 0.5, tieBreaks: ['presentation', 'test', 'finished_first'] },
    })
    .returning();
  await db.insert(contestRounds).values({ contestId: c26!.id, level: 'province', title: 'Vòng chung khảo cấp tỉnh', opensAt: new Date(now + 40 * 86400_000), closesAt: new Date(now + 42 * 86400_000), rules: provinceRules });
  const today = new Date(now).toISOString().slice(0, 10);
  const entrants26 = await registerSecretaries(db, open!.id, today, path, 2, '2026');
  const bithu = account('bithu')?.person_id;
  if (bithu) entrants26.push(...(await registerSecretaries(db, open!.id, today, path, 1, '2026', [bithu])));
  counts.candidates += entrants26.length;
  if (judges.length) await db.insert(contestJudges).values(judges.map((j) => ({ roundId: open!.id, userId: j.id })));
  // canbo.xa2 has scored every candidate of the other communes; admin and kiemtra have yet to.
  counts.scores += await seedScores(db, entrants26, judges.filter((j) => j.communeId !== null), new Date(now - 86400_000));
  await recordAudit(db, actor, { action: 'contest.demo', entityType: 'contest', entityId: c26!.id, unitPath: path, after: counts });
  return counts;
}
