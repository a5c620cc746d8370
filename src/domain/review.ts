// The yearly review (Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW): levels, groups, criteria templates as data,
// and the zod schemas the server validates and the web app shares.
import { z } from 'zod';
import { IsoDate } from './person.js';

/** Best first: the order shown to users and the order of "better than". */
export const reviewLevels = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type ReviewLevel = (typeof reviewLevels)[number];
export const ReviewLevel = z.enum(reviewLevels);
/** 0 = excellent … 3 = not completed: a smaller rank is a better level. */
export const levelRank = (l: ReviewLevel) => reviewLevels.indexOf(l);

/** Who is rated with which template: the secretary, members outside (2C) or inside (2A/2B) the political system, the cell (01). */
export const reviewGroups = ['secretary', 'member_2c', 'member_2ab', 'cell'] as const;
export type ReviewGroup = (typeof reviewGroups)[number];
export const ReviewGroup = z.enum(reviewGroups);

export const cycleKinds = ['yearly', 'term', 'quarter', 'ad_hoc'] as const;
export type CycleKind = (typeof cycleKinds)[number];
export const CycleKind = z.enum(cycleKinds);


export const Criterion = z.strictObject({
  code: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(300),
  maxPoints: z.number().int().min(1).max(100),
});
export type Criterion = z.infer<typeof Criterion>;

export const Thresholds = z.strictObject({
  excellent: z.number().int().min(1).max(100),
  good: z.number().int().min(1).max(100),
  completed: z.number().int().min(1).max(100),
});
export type Thresholds = z.infer<typeof Thresholds>;

/** The extra conditions, as percentages of the tasks in total. */
export const ExtraConditions = z.strictObject({
  excellentMinExceedingPct: z.number().int().min(0).max(100),
  completedMaxLatePct: z.number().int().min(0).max(100),
});
export type ExtraConditions = z.infer<typeof ExtraConditions>;

export const Template = z.strictObject({
  group: ReviewGroup,
  /** The form printed: 01 (collective), 2A, 2B, 2C (individual). */
  form: z.enum(['01', '2A', '2B', '2C']),
  criteria: z.array(Criterion).min(1).max(30),
  thresholds: Thresholds,
  conditions: ExtraConditions,
});
export type Template = z.infer<typeof Template>;

export const CapRule = z.strictObject({ enabled: z.boolean(), percent: z.number().int().min(0).max(100) });
export type CapRule = z.infer<typeof CapRule>;

export const TemplateSetBody = z.strictObject({ cap: CapRule, templates: z.array(Template).min(1).max(4) });
export type TemplateSetBody = z.infer<typeof TemplateSetBody>;

const thresholds: Thresholds = { excellent: 90, good: 70, completed: 50 };
const conditions: ExtraConditions = { excellentMinExceedingPct: 30, completedMaxLatePct: 20 };
/** A template of the default set: its criteria numbered 1, 2, … in the order given, as [title, points]. */
const template = (group: Template['group'], form: Template['form'], criteria: [title: string, maxPoints: number][]): Template => ({
  group,
  form,
  thresholds,
  conditions,
  criteria: criteria.map(([title, maxPoints], i): Criterion => ({ code: String(i + 1), title, maxPoints })),
});

/** The default set (43-HD/BTCTW, simplified for village cells); a province copies and edits it for next year. */
export const defaultTemplateSet: TemplateSetBody = {
  cap: { enabled: true, percent: 20 },
  templates: [
    template('secretary', '2A', [['Tư tưởng chính trị', 15], ['Phẩm chất đạo đức, lối sống', 15], ['Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc', 15], ['Lãnh đạo, điều hành chi bộ; trách nhiệm người đứng đầu', 25], ['Kết quả thực hiện nhiệm vụ được giao', 30]]),
    template('member_2c', '2C', [['Tư tưởng chính trị', 20], ['Phẩm chất đạo đức, lối sống', 20], ['Ý thức tổ chức kỷ luật; sinh hoạt chi bộ, đóng đảng phí', 20], ['Thực hiện nhiệm vụ đảng viên ở nơi cư trú, gương mẫu với gia đình và cộng đồng', 40]]),
    template('member_2ab', '2B', [['Tư tưởng chính trị', 20], ['Phẩm chất đạo đức, lối sống', 20], ['Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc', 20], ['Kết quả thực hiện chức trách, nhiệm vụ được giao', 40]]),
    template('cell', '01', [['Công tác chính trị, tư tưởng', 20], ['Công tác tổ chức, xây dựng chi bộ và đảng viên', 20], ['Công tác kiểm tra, giám sát', 15], ['Lãnh đạo thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội ở thôn, tổ dân phố', 30], ['Công tác dân vận, đoàn kết nội bộ', 15]]),
  ],
};

export const Score = z.strictObject({
  code: z.string().min(1).max(20),
  points: z.number().int(),
  note: z.string().trim().max(500).optional().default(''),
});

export const SelfAssessmentBody = z.strictObject({
  scores: z.array(Score).min(1).max(30),
  tasksTotal: z.number().int().min(0).max(10_000),
  tasksLate: z.number().int().min(0).max(10_000),
  tasksExceeding: z.number().int().min(0).max(10_000),
  /** For a person: was disciplined this year; for a cell: a member was disciplined. */
  disciplined: z.boolean(),
  shortcomingsFixed: z.boolean(),
  summary: z.string().trim().max(2000).optional().default(''),
});
export type SelfAssessmentBody = z.infer<typeof SelfAssessmentBody>;

export const AppraisalBody = z.strictObject({
  meetingDate: IsoDate,
  present: z.number().int().min(1).max(10_000),
  votesFor: z.number().int().min(0).max(10_000),
  votesAgainst: z.number().int().min(0).max(10_000),
  proposedLevel: ReviewLevel,
  comment: z.string().trim().max(2000).optional().default(''),
});
export type AppraisalBody = z.infer<typeof AppraisalBody>;

export const DecisionBody = z.strictObject({
  level: ReviewLevel,
  reason: z.string().trim().max(2000).optional().default(''),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const OpenCycleBody = z.strictObject({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  kind: CycleKind,
  title: z.string().trim().min(1).max(200),
  branchIds: z.array(z.uuid()).min(1).max(500),
  referenceDate: IsoDate,
  selfDue: IsoDate,
  cellDue: IsoDate,
  decisionDue: IsoDate,
  complaintDays: z.number().int().min(0).max(90).optional().default(15),
});
export type OpenCycleBody = z.infer<typeof OpenCycleBody>;

export const ComplaintBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type ComplaintBody = z.infer<typeof ComplaintBody>;
