// What the review routes answer: the shapes of cycles, participants, boards, progress, the to-do list and the
// template sets, as the presenters (cycles.ts, participants.ts, todo.ts, templates.ts) build them.
import { z } from 'zod';
import { CapRule, CycleKind, ReviewGroup, ReviewLevel, Template } from '../../../domain/review.js';

export const CycleSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    year: z.number().int(),
    kind: CycleKind,
    title: z.string(),
    branchIds: z.array(z.string()),
    referenceDate: z.string(),
    selfDue: z.string(),
    cellDue: z.string(),
    decisionDue: z.string(),
    complaintDays: z.number().int(),
    status: z.enum(['open', 'closed']),
    cap: CapRule,
    templates: z.array(Template),
  })
  .meta({ id: 'ReviewCycle' });

export const ParticipantSchema = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    kind: z.enum(['person', 'cell']),
    personId: z.string().nullable(),
    fullName: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    group: ReviewGroup,
    form: Template.shape.form,
    hasAccount: z.boolean(),
    self: z
      .object({
        scores: z.array(z.object({ code: z.string(), points: z.number(), note: z.string() })),
        total: z.number(),
        tasksTotal: z.number(),
        tasksLate: z.number(),
        tasksExceeding: z.number(),
        disciplined: z.boolean(),
        shortcomingsFixed: z.boolean(),
        summary: z.string(),
        allowedLevel: ReviewLevel,
        onBehalf: z.boolean(),
        at: z.string(),
      })
      .nullable(),
    appraisal: z
      .object({ meetingDate: z.string(), present: z.number(), votesFor: z.number(), votesAgainst: z.number(), proposedLevel: ReviewLevel, comment: z.string() })
      .nullable(),
    decision: z.object({ level: ReviewLevel, reason: z.string(), kind: z.enum(['decision', 'recheck']), at: z.string() }).nullable(),
    complaint: z.object({ reason: z.string(), onBehalf: z.boolean(), at: z.string(), status: z.enum(['waiting', 'rechecked']) }).nullable(),
    /** The last day the decided level may be contested (null before the decision). */
    complaintUntil: z.string().nullable(),
    finalLevel: ReviewLevel.nullable(),
    levelFinal: z.boolean(),
    status: z.enum(['pending', 'self_done', 'appraised', 'decided', 'contested']),
    /** What the user may do next: self, appraise, decide, complain, recheck. */
    actions: z.array(z.string()),
  })
  .meta({ id: 'ReviewParticipant' });

const PlaceSchema = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const BoardSchema = z.object({ cycle: CycleSchema, unit: PlaceSchema, items: z.array(ParticipantSchema) }).meta({ id: 'ReviewBoard' });

export const ProgressSchema = z
  .object({
    cycle: CycleSchema,
    communes: z.array(
      z.object({
        unitId: z.string(),
        name: z.string(),
        participants: z.number(),
        selfDone: z.number(),
        appraised: z.number(),
        decided: z.number(),
        cells: z.number(),
        cellsDecided: z.number(),
        overdue: z.object({ self: z.boolean(), appraisal: z.boolean(), decision: z.boolean() }),
      }),
    ),
  })
  .meta({ id: 'ReviewProgress' });

export const TodoSchema = z
  .object({
    items: z.array(
      z.object({
        cycleId: z.string(),
        cycleTitle: z.string(),
        step: z.enum(['self', 'selfOnBehalf', 'appraise', 'decide', 'recheck']),
        unitId: z.string(),
        unitName: z.string(),
        count: z.number(),
        due: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
    overdue: z.array(
      z.object({
        cycleId: z.string(),
        cycleTitle: z.string(),
        step: z.enum(['self', 'appraise', 'decide']),
        unitId: z.string(),
        unitName: z.string(),
        missing: z.number(),
        due: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReviewTodo' });

/** The criteria templates of a province for a year; `saved` is false while the default set stands in. */
export const TemplateSetSchema = z
  .object({ unitId: z.string(), year: z.number().int(), saved: z.boolean(), cap: CapRule, templates: z.array(Template) })
  .meta({ id: 'ReviewTemplateSet' });

/** The answer of a results import: applied all or nothing, or every bad row. */
export const ImportResultSchema = z
  .object({
    applied: z.boolean(),
    imported: z.number(),
    errors: z.array(
      z.object({ row: z.number(), column: z.string(), message: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
    ),
  })
  .meta({ id: 'ReviewImportResult' });

/** One participant and the cycle it belongs to. */
export const ParticipantViewSchema = z.object({ participant: ParticipantSchema, cycle: CycleSchema });
