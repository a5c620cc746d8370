// Who may do what with training. A course belongs to its organizing unit: that branch's officers manage it, and
// everyone below reads it (a cell's secretary reads the province's course they may be sent to: the `line` reach).
// A trainee belongs to their cell: an officer enrols, and reads the untrained of, their own branch only.
import { allowed, grantsFor, scopeFor, type Actor, type Policy } from '../../platform/access.js';
import type { SQLWrapper } from 'drizzle-orm';
import { AppError, notFound } from '../../platform/errors.js';

export type CourseAction = 'course.read' | 'course.create' | 'course.manage' | 'course.enrol';
export type TraineeAction = 'trainee.read' | 'trainee.enrol';

/** Target: the course's organizing unit (its path). */
export const coursePolicy: Policy<CourseAction> = {
  'course.read': [
    { role: 'province_admin', reach: 'line' },
    { role: 'commune_officer', reach: 'line' },
    { role: 'inspection_officer', reach: 'line' },
    { role: 'cell_secretary', reach: 'line' },
    { role: 'member', reach: 'line' },
  ],
  'course.create': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  // Sessions, materials, attendance, scores, completion and revoking its certificates: the organizer's branch.
  'course.manage': [{ role: 'province_admin' }, { role: 'commune_officer' }],
  // A commune officer sends their own secretaries to the province's course too.
  'course.enrol': [{ role: 'province_admin' }, { role: 'commune_officer', reach: 'line' }],
};

/** Target: the trainee's cell (its path). */
export const traineePolicy: Policy<TraineeAction> = {
  'trainee.read': [{ role: 'province_admin' }, { role: 'commune_officer' }, { role: 'inspection_officer' }],
  'trainee.enrol': [{ role: 'province_admin' }, { role: 'commune_officer' }],
};

export const authorizeCourse = (actor: Actor, action: CourseAction, path: string) => {
  // Reading decides what exists for the actor (404); the other actions are refused (403) on a course one reads.
  if (!allowed(coursePolicy, actor, 'course.read', { path })) throw notFound('Course');
  if (!allowed(coursePolicy, actor, action, { path })) throw new AppError('forbidden', `You may not ${action.replace('.', ' ')} here`);
};

export const readableCourses = (actor: Actor, path: SQLWrapper) => scopeFor(coursePolicy, actor, 'course.read', { path });
export const traineesInScope = (actor: Actor, action: TraineeAction, path: SQLWrapper) => scopeFor(traineePolicy, actor, action, { path });
export const mayTrainee = (actor: Actor, action: TraineeAction, path: string) => allowed(traineePolicy, actor, action, { path });

/** The actions on a course sent with it, so the UI shows only those. */
export function courseActions(actor: Actor, path: string): CourseAction[] {
  return (['course.manage', 'course.enrol'] as const).filter((a) => allowed(coursePolicy, actor, a, { path }));
}

/** The units where the actor may organize a course: what the form offers. */
export const organizerUnitsFor = (actor: Actor) => grantsFor(coursePolicy, actor, 'course.create').map((g) => ({ id: g.unitId, name: g.unitName }));

/** Branches whose trainees the actor reads (untrained lists, suggestions). */
export const traineeUnitsFor = (actor: Actor, action: TraineeAction) => grantsFor(traineePolicy, actor, action).map((g) => ({ id: g.unitId, name: g.unitName, path: g.unitPath }));
