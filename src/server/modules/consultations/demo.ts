// The demo province's consultations, in the demo secretary's village and the demo officer's commune: a new-rural-area
// road contribution open now (ballot codes handed out, some answers in), the village convention closed a month ago
// with its room tally, result and decision, and a commune-wide question closed with a majority. Through the
// module's own services (so sums, the tally's log and the audit trail hold); online answers of members written
// directly (the seed has no member's session).
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { childIds } from '../org/tree.js';
import { accountGrants } from '../users/queries.js';
import { answerWithCode, issueCodes, saveTally } from './answers.js';
import { openConsultation, recordDecision } from './service.js';

const actor = systemActor('demo-seed');
const demoCommand = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function unitOf(db: Db, username: string): Promise<string | null> {
  const r = await db.execute<{ unit_id: string }>(sql`SELECT unit_id FROM ${accountGrants} g WHERE g.username = ${username} LIMIT 1`);
  return r.rows[0]?.unit_id ?? null;
}

async function options(db: Db, id: string) {
  const r = await db.execute<{ id: string }>(sql`SELECT id FROM consultation_options WHERE consultation_id = ${id} ORDER BY position`);
  return r.rows.map((x) => x.id);
}

/** The first `n` eligible members answer online, spread over the options by the given weights. */
async function membersAnswer(db: Db, id: string, on: string, optionIds: string[], weights: number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  await db.execute(sql`
    INSERT INTO consultation_answers (consultation_id, option_id, origin, person_id, answered_on)
    SELECT ${id}::uuid, (${sql`${`{${optionIds.join(',')}}`}::uuid[]`})[
      CASE ${sql.raw(weights.map((_, i) => `WHEN (rn % ${total}) < ${weights.slice(0, i + 1).reduce((a, b) => a + b, 0)} THEN ${i + 1}`).join(' '))} END], 'online', person_id, ${on}::date
    FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS rn FROM consultation_members WHERE consultation_id = ${id}) m
    WHERE rn % 3 <> 0`);
}

export async function seedConsultationsDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  const today = todayIso();
  // The demo accounts' village and commune (so their pages show something); else the first commune and its first village.
  const commune = (await unitOf(db, 'canbo.xa')) ?? ctx.communeIds[0];
  if (!commune) return { consultations: 0, ballotCodes: 0 };
  const village = (await unitOf(db, 'bithu')) ?? (await childIds(db, commune, today)).sort()[0];
  if (!village) return { consultations: 0, ballotCodes: 0 };
  // Once: a second run finds the village's consultations there.
  const made = await db.execute(sql`SELECT 1 FROM consultations WHERE unit_id = ${village} LIMIT 1`);
  if (made.rows.length) return { consultations: 0, ballotCodes: 0 };

  // Open now: the road, with 20 codes handed out at the meeting; six answered with theirs, some members online.
  const road = await openConsultation(db, actor, {
    unitId: village,
    title: 'Đóng góp làm đường bê tông nông thôn mới',
    question: 'Thôn đề nghị mỗi hộ đóng góp 500.000 đồng và ngày công để bê tông hóa 1,2 km đường trục thôn (Nhà nước hỗ trợ xi măng). Ý kiến của hộ gia đình?',
    options: ['Đồng ý mức đóng góp', 'Đồng ý, đề nghị giảm cho hộ nghèo', 'Không đồng ý'],
    membersEligible: true,
    households: 60,
    opensOn: addDays(today, -5),
    closesOn: addDays(today, 10),
  });
  const roadOptions = await options(db, road.id);
  const { codes } = await issueCodes(db, actor, road.id, { count: 20 });
  for (const [i, code] of codes.slice(0, 6).entries()) await answerWithCode(db, road.id, { code, optionId: roadOptions[i % 4 === 3 ? 1 : 0]! });
  await membersAnswer(db, road.id, addDays(today, -2), roadOptions, [5, 2, 1]);

  // Closed a month ago: the village convention, answered mostly in the room (paper ballots), with its decision.
  const convention = await openConsultation(db, actor, {
    unitId: village,
    title: 'Sửa đổi hương ước thôn',
    question: 'Bổ sung vào hương ước thôn quy định về giữ gìn vệ sinh môi trường, không thả rông gia súc và tổ chức việc cưới, việc tang văn minh, tiết kiệm.',
    options: ['Tán thành', 'Không tán thành'],
    membersEligible: true,
    households: 80,
    opensOn: addDays(today, -60),
    closesOn: addDays(today, -30),
  });
  const conventionOptions = await options(db, convention.id);
  await membersAnswer(db, convention.id, addDays(today, -50), conventionOptions, [9, 1]);
  await saveTally(db, actor, convention.id, {
    commandId: demoCommand(1),
    baseVersion: 0,
    method: 'paper',
    heldOn: addDays(today, -35),
    present: 58,
    counts: [
      { optionId: conventionOptions[0]!, count: 52 },
      { optionId: conventionOptions[1]!, count: 4 },
    ],
    reason: 'Kết quả kiểm phiếu tại hội nghị thôn',
  });
  await recordDecision(db, actor, convention.id, {
    decision: 'Hội nghị thôn thông qua hương ước sửa đổi; trình UBND xã công nhận.',
    followUp: 'Ban công tác Mặt trận thôn phổ biến hương ước đến từng hộ trong tháng.',
    decidedOn: addDays(today, -28),
  });

  // Closed: a commune-wide question, answered by hands in the commune's meeting; a majority, not consensus.
  const hall = await openConsultation(db, actor, {
    unitId: commune,
    title: 'Vị trí xây dựng nhà văn hóa xã',
    question: 'Xã dự kiến xây dựng nhà văn hóa mới. Đề nghị cho ý kiến về vị trí xây dựng.',
    options: ['Cạnh trụ sở UBND xã', 'Khu đất trường cũ'],
    membersEligible: false,
    households: 400,
    opensOn: addDays(today, -90),
    closesOn: addDays(today, -75),
  });
  const hallOptions = await options(db, hall.id);
  await saveTally(db, actor, hall.id, {
    commandId: demoCommand(2),
    baseVersion: 0,
    method: 'hands',
    heldOn: addDays(today, -80),
    present: 230,
    counts: [
      { optionId: hallOptions[0]!, count: 141 },
      { optionId: hallOptions[1]!, count: 85 },
    ],
    reason: 'Biểu quyết giơ tay tại hội nghị đại biểu nhân dân xã',
  });
  return { consultations: 3, ballotCodes: codes.length };
}
