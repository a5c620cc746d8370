// The demo province's supervision cases: a few pile-ups of the kind the article is about, so the early warning shows
// its supervision signals on first start (issue 17), with the noise that must not count beside them. Four cells in
// four communes (the first is in the commune of the demo sign-in `canbo.xa`, so the officer's home page shows it):
//
//   A  reports about the secretary on one matter (land allocation): a founded one, then an anonymous one, then the
//      first reporter again, who writes their name and phone another way (counted once), then a denunciation; plus
//      an old founded case, outside the window → several reports, the same matter by 2 people;
//   B  three reports about the cell's contributions to the cultural house, two anonymous (the same matter by 3
//      people, 3 reports), beside a declined suggestion that counts for nothing;
//   C  a complaint past its deadline (overdue), beside two criticisms of the secretary concluded unfounded and
//      closed, and an old founded case outside the window: only the overdue one is a warning;
//   D  just under every threshold: two reports in the window on different matters, and an old one.
//
// Dates are counted back from today (the day the demo is made). Written with plain inserts (a few dozen rows, the
// signal view's triggers on), in one transaction with one audit event. No receipt code is ever shown for these
// cases: they share one hash of a code nobody was given.
import { sql } from 'drizzle-orm';
import { todayIso } from '../../../domain/dates.js';
import { addDays, SUPERVISION_RULES, type Conclusion, type Measure, type ReportCategory, type ReportSubject } from '../../../domain/supervision.js';
import { systemActor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Tx } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { cellsUnder } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { secretaryOf } from '../people/queries.js';
import { accountGrants } from '../users/queries.js';
import { routeOf } from './intake.js';
import { hashReceipt, newReceiptCode, receiptLookup } from './receipt.js';
import { supervisionCases, supervisionMessages, supervisionTransitions } from './schema.js';

const actor = systemActor('demo-seed');

type Step = { to: 'accepted' | 'declined' | 'verifying' | 'concluded' | 'closed'; ago: number; note?: string };

/** One planted case: received `ago` days before today, then its steps (each `ago` days before today). */
interface PlantedCase {
  cell: 'A' | 'B' | 'C' | 'D';
  ago: number;
  category: ReportCategory;
  subject: ReportSubject;
  content: string;
  /** Named reporters (null: anonymous). */
  reporter: { name: string; contact: string } | null;
  /** Cases an officer linked as one matter share a letter. */
  matter?: 'land';
  steps: Step[];
  conclusion?: { conclusion: Conclusion; measure: Measure; reply: string };
  extension?: string;
}

const LAND = 'Việc xét giao đất ở cho hộ gia đình tại khu đồi Nà Khuổi';
/** The same reporter, writing their name and phone two ways (counted as one person). */
const HUNG_1 = { name: 'Nguyễn Văn Hùng', contact: '0912 345 678' };
const HUNG_2 = { name: 'nguyễn văn  hùng', contact: '0912.345.678' };

export const PLANTED_CASES: readonly PlantedCase[] = [
  // A: the secretary and the land.
  {
    cell: 'A', ago: 230, category: 'criticism', subject: 'secretary', reporter: { name: 'Hoàng Văn Sáng', contact: '0868 221 904' },
    content: 'Đồng chí Bí thư chi bộ chưa gương mẫu trong việc đóng góp ngày công làm đường liên thôn.',
    steps: [{ to: 'accepted', ago: 224 }, { to: 'verifying', ago: 220 }, { to: 'concluded', ago: 200 }, { to: 'closed', ago: 196 }],
    conclusion: { conclusion: 'partly_founded', measure: 'reminder', reply: 'Chi bộ đã nhắc nhở đồng chí Bí thư thực hiện đầy đủ ngày công theo quy ước của thôn.' },
  },
  {
    cell: 'A', ago: 150, category: 'criticism', subject: 'secretary', reporter: HUNG_1, matter: 'land',
    content: `${LAND}: đồng chí Bí thư chi bộ đề xuất giao đất cho người nhà, trong khi nhiều hộ khó khăn trong thôn chưa được xét.`,
    steps: [{ to: 'accepted', ago: 146 }, { to: 'verifying', ago: 140 }, { to: 'concluded', ago: 115 }, { to: 'closed', ago: 110 }],
    conclusion: { conclusion: 'partly_founded', measure: 'criticism', reply: 'Qua xác minh, danh sách đề xuất có 01 hộ chưa đủ điều kiện; Đảng ủy xã đã yêu cầu chi bộ kiểm điểm, rút kinh nghiệm.' },
  },
  {
    cell: 'A', ago: 52, category: 'complaint', subject: 'secretary', reporter: null, matter: 'land',
    content: `${LAND}: sau khi bị phê bình, danh sách vẫn chưa được công khai tại nhà văn hóa thôn; đề nghị Đảng ủy xã kiểm tra lại.`,
    steps: [{ to: 'accepted', ago: 45 }, { to: 'verifying', ago: 40 }],
    extension: 'Cần đối chiếu hồ sơ địa chính tại Ủy ban nhân dân xã.',
  },
  {
    cell: 'A', ago: 20, category: 'complaint', subject: 'secretary', reporter: HUNG_2, matter: 'land',
    content: `${LAND}: tôi đã phản ánh từ đầu năm nhưng đến nay gia đình tôi vẫn chưa nhận được trả lời về việc xét giao đất.`,
    steps: [{ to: 'accepted', ago: 15 }],
  },
  {
    cell: 'A', ago: 9, category: 'denunciation', subject: 'secretary', reporter: { name: 'Hoàng Thị Mai', contact: 'mai.hoang82@gmail.com' },
    content: 'Đồng chí Bí thư chi bộ nhận tiền của một số hộ để đưa vào danh sách hỗ trợ làm nhà ở năm nay.',
    steps: [],
  },
  // B: the cell and the contributions to the cultural house.
  {
    cell: 'B', ago: 120, category: 'criticism', subject: 'cell', reporter: null,
    content: 'Chi bộ thu các khoản đóng góp xây dựng nhà văn hóa thôn nhưng không công khai thu chi cho nhân dân.',
    steps: [{ to: 'accepted', ago: 114 }, { to: 'verifying', ago: 110 }, { to: 'concluded', ago: 85 }, { to: 'closed', ago: 80 }],
    conclusion: { conclusion: 'founded', measure: 'criticism', reply: 'Phản ánh đúng. Chi bộ đã được yêu cầu công khai sổ thu chi tại nhà văn hóa thôn trong tháng này.' },
  },
  {
    cell: 'B', ago: 70, category: 'criticism', subject: 'cell', reporter: { name: 'Ma Văn Kiên', contact: '0389 112 233' },
    content: 'Đến nay bảng công khai thu chi đóng góp xây dựng nhà văn hóa vẫn chưa được dán, số tiền còn lại không rõ.',
    steps: [{ to: 'accepted', ago: 64 }, { to: 'verifying', ago: 60 }, { to: 'concluded', ago: 45 }],
    conclusion: { conclusion: 'founded', measure: 'reminder', reply: 'Đảng ủy xã đã nhắc nhở chi bộ và giao thời hạn công khai trước ngày 15 tháng sau.' },
  },
  {
    cell: 'B', ago: 14, category: 'criticism', subject: 'cell', reporter: null,
    content: 'Khoản đóng góp xây nhà văn hóa lại được thu thêm mà chưa họp dân bàn, người dân không biết tiền dùng vào việc gì.',
    steps: [{ to: 'accepted', ago: 8 }],
  },
  {
    cell: 'B', ago: 40, category: 'suggestion', subject: 'cell', reporter: null,
    content: 'Đề nghị chi bộ vận động sửa đường điện chiếu sáng ngõ xóm.',
    steps: [{ to: 'declined', ago: 35, note: 'Không thuộc thẩm quyền của chi bộ: đã hướng dẫn gửi Ủy ban nhân dân xã.' }],
  },
  // C: a case left past its deadline, and noise.
  {
    cell: 'C', ago: 75, category: 'complaint', subject: 'cell', reporter: { name: 'Triệu Thị Lan', contact: '0975 660 124' },
    content: 'Chi bộ chưa họp xét, đề nghị hỗ trợ cho gia đình tôi bị thiệt hại do sạt lở đất sau mưa lũ, dù đã nộp hồ sơ từ lâu.',
    steps: [{ to: 'accepted', ago: 68 }, { to: 'verifying', ago: 62 }],
  },
  {
    cell: 'C', ago: 100, category: 'criticism', subject: 'secretary', reporter: null,
    content: 'Đồng chí Bí thư chi bộ dùng xe của hợp tác xã vào việc riêng.',
    steps: [{ to: 'accepted', ago: 95 }, { to: 'verifying', ago: 90 }, { to: 'concluded', ago: 70 }, { to: 'closed', ago: 66 }],
    conclusion: { conclusion: 'unfounded', measure: 'none', reply: 'Qua xác minh, xe được hợp tác xã cho thuê đúng quy định, có hợp đồng và hóa đơn.' },
  },
  {
    cell: 'C', ago: 90, category: 'criticism', subject: 'secretary', reporter: { name: 'Lý Văn Thào', contact: '0914 778 310' },
    content: 'Đồng chí Bí thư chi bộ sử dụng xe của hợp tác xã để chở hàng cho gia đình.',
    steps: [{ to: 'accepted', ago: 86 }, { to: 'verifying', ago: 82 }, { to: 'concluded', ago: 68 }, { to: 'closed', ago: 65 }],
    conclusion: { conclusion: 'unfounded', measure: 'none', reply: 'Nội dung phản ánh không có cơ sở: việc thuê xe có hợp đồng với hợp tác xã.' },
  },
  {
    cell: 'C', ago: 300, category: 'complaint', subject: 'cell', reporter: null,
    content: 'Chi bộ chậm triển khai chi trả tiền hỗ trợ giống cây trồng cho các hộ nghèo.',
    steps: [{ to: 'accepted', ago: 295 }, { to: 'verifying', ago: 290 }, { to: 'concluded', ago: 265 }, { to: 'closed', ago: 260 }],
    conclusion: { conclusion: 'founded', measure: 'reminder', reply: 'Đã chi trả đủ cho các hộ trong danh sách; chi bộ rút kinh nghiệm.' },
  },
  // D: just under every threshold.
  {
    cell: 'D', ago: 130, category: 'suggestion', subject: 'village', reporter: { name: 'Đặng Văn Chiến', contact: '0397 450 618' },
    content: 'Đề nghị thôn sớm tổ chức nạo vét mương thủy lợi trước vụ đông xuân.',
    steps: [{ to: 'accepted', ago: 126 }, { to: 'verifying', ago: 122 }, { to: 'concluded', ago: 100 }, { to: 'closed', ago: 95 }],
    conclusion: { conclusion: 'partly_founded', measure: 'reminder', reply: 'Thôn đã bố trí ngày công nạo vét mương trong tháng.' },
  },
  {
    cell: 'D', ago: 25, category: 'criticism', subject: 'cell', reporter: null,
    content: 'Chi bộ sinh hoạt còn hình thức, ít bàn việc phát triển kinh tế của thôn.',
    steps: [{ to: 'accepted', ago: 20 }],
  },
  {
    cell: 'D', ago: 200, category: 'criticism', subject: 'cell', reporter: null,
    content: 'Chi bộ chưa quan tâm vận động con em đi học đầy đủ.',
    steps: [{ to: 'accepted', ago: 195 }, { to: 'verifying', ago: 190 }, { to: 'concluded', ago: 170 }, { to: 'closed', ago: 166 }],
    conclusion: { conclusion: 'founded', measure: 'reminder', reply: 'Chi bộ đã phân công đảng viên vận động từng hộ.' },
  },
];

/** The cells the cases are about: A in `canbo.xa`'s commune, B–D in three other communes spread along the province. */
async function chooseCells(tx: Tx, ctx: DemoContext, today: string): Promise<Record<PlantedCase['cell'], { id: string; communeId: string }> | null> {
  const communes = [...(await latestPaths(tx, ctx.communeIds)).entries()].map(([id, v]) => ({ id, path: v.path })).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (communes.length < 4) return null;
  const { rows } = await tx.execute<{ unit_id: string }>(sql`SELECT a.unit_id FROM ${accountGrants} a WHERE a.username = 'canbo.xa' LIMIT 1`);
  const officer = communes.findIndex((c) => c.id === rows[0]?.unit_id);
  const first = officer >= 0 ? officer : 0;
  const n = communes.length;
  const picked = [first, first + Math.floor(n / 4), first + Math.floor(n / 2), first + Math.floor((3 * n) / 4)].map((i) => communes[i % n]);
  const out: Partial<Record<PlantedCase['cell'], { id: string; communeId: string }>> = {};
  const letters = ['A', 'B', 'C', 'D'] as const;
  for (const [i, commune] of picked.entries()) {
    // The commune's last cell (by path) with the same secretary now and at the oldest case: the demo's own secretary
    // and member accounts are in the first cells, and a warning is never shown to the cell's own secretary.
    const cells = (await cellsUnder(tx, [commune.path], today)).sort((a, b) => (a.path < b.path ? 1 : -1));
    for (const cell of cells) {
      const now = await secretaryOf(tx, cell.id, today);
      if (now && now === (await secretaryOf(tx, cell.id, addDays(today, -300)))) {
        out[letters[i]] = { id: cell.id, communeId: commune.id };
        break;
      }
    }
    if (!out[letters[i]]) return null;
  }
  return out as Record<PlantedCase['cell'], { id: string; communeId: string }>;
}

export async function seedSupervisionDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  const started = Date.now();
  const today = todayIso();
  // One hash of a code nobody is given: no demo case can be followed on the public page (argon2 once, not per case).
  const receiptHash = await hashReceipt(newReceiptCode());
  return db.transaction(async (tx) => {
    const cells = await chooseCells(tx, ctx, today);
    if (!cells) return { cases: 0 };
    const matter = { land: crypto.randomUUID() };
    const on = (ago: number) => addDays(today, -ago);
    let cases = 0;
    for (const p of PLANTED_CASES) {
      const cell = cells[p.cell];
      const receivedOn = on(p.ago);
      const rules = SUPERVISION_RULES.deadlines[p.category];
      const last = p.steps.at(-1);
      const [created] = await tx
        .insert(supervisionCases)
        .values({
          category: p.category,
          subject: p.subject,
          cellId: cell.id,
          subjectPersonId: p.subject === 'secretary' ? await secretaryOf(tx, cell.id, receivedOn) : null,
          route: routeOf(p.category, p.subject),
          handlingUnitId: cell.communeId,
          content: p.content,
          anonymous: p.reporter === null,
          reporterName: p.reporter?.name ?? null,
          reporterContact: p.reporter?.contact ?? null,
          status: last?.to ?? 'received',
          receivedOn,
          acknowledgeBy: addDays(receivedOn, rules.acknowledgeDays),
          concludeBy: addDays(receivedOn, rules.concludeDays + (p.extension ? SUPERVISION_RULES.extensionDays : 0)),
          extensionReason: p.extension ?? null,
          conclusion: p.conclusion?.conclusion ?? null,
          measure: p.conclusion?.measure ?? null,
          concludedOn: p.conclusion ? on(p.steps.find((s) => s.to === 'concluded')!.ago) : null,
          matterId: p.matter ? matter[p.matter] : null,
          receiptLookup: receiptLookup(newReceiptCode()),
          receiptHash,
        })
        .returning({ id: supervisionCases.id });
      const history = [{ to: 'received' as const, ago: p.ago, note: undefined as string | undefined }, ...p.steps];
      await tx.insert(supervisionTransitions).values(
        history.map((s, i) => ({
          caseId: created.id,
          seq: i + 1,
          fromStatus: i === 0 ? null : history[i - 1].to,
          toStatus: s.to,
          on: on(s.ago),
          byName: i === 0 ? null : 'Văn phòng Đảng ủy xã',
          note: s.note ?? null,
        })),
      );
      if (p.conclusion) {
        const concluded = p.steps.find((s) => s.to === 'concluded')!;
        await tx.insert(supervisionMessages).values({ caseId: created.id, seq: 1, author: 'officer', kind: 'reply', on: on(concluded.ago), body: p.conclusion.reply });
      }
      cases++;
    }
    const province = (await latestPaths(tx, [ctx.provinceId])).get(ctx.provinceId);
    const made = { cases };
    await recordAudit(tx, actor, { action: 'supervision.demo', entityType: 'org_unit', entityId: ctx.provinceId, unitPath: province?.path, after: made });
    ctx.log?.(`supervision demo: ${cases} cases in ${Date.now() - started} ms`);
    return made;
  });
}
