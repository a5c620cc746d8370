// Supervision's part of the home page, for those who handle cases: new cases to acknowledge and cases past their
// deadline, each one line counted (the first page of the list: "200+" is not a task list's business).
import { todayIso } from '../../../domain/dates.js';
import { addDays } from '../../../domain/supervision.js';
import { allowedSomewhere } from '../../platform/access.js';
import type { TaskItem, TaskProvider } from '../../platform/module.js';
import { listCases } from './cases.js';
import { casePolicy } from './policy.js';

/** How near a deadline must be to count as "near" on the home page. */
const DUE_SOON_DAYS = 3;

export const supervisionTasks: TaskProvider = async (db, actor) => {
  if (!allowedSomewhere(casePolicy, actor, 'case.handle')) return [];
  const [received, overdue, accepted, verifying] = await Promise.all([
    listCases(db, actor, { status: 'received', limit: 200 }),
    listCases(db, actor, { overdue: true, limit: 200 }),
    listCases(db, actor, { status: 'accepted', limit: 200 }),
    listCases(db, actor, { status: 'verifying', limit: 200 }),
  ]);
  // Cases being handled whose deadline comes within the next days (not yet overdue).
  const soon = addDays(todayIso(), DUE_SOON_DAYS);
  const dueSoon = [...accepted.items, ...verifying.items].filter((c) => !c.overdue && c.dueOn && c.dueOn <= soon);
  const tasks: TaskItem[] = [];
  const nearest = (items: { dueOn: string | null }[]) => items.map((c) => c.dueOn).filter((d): d is string => !!d).sort()[0] ?? null;
  if (overdue.items.length)
    tasks.push({ key: 'supervision.overdue', label: 'supervision.tasks.overdue', params: {}, count: overdue.items.length, link: '/supervision?overdue=true', due: nearest(overdue.items), overdue: true });
  if (dueSoon.length)
    tasks.push({ key: 'supervision.dueSoon', label: 'supervision.tasks.dueSoon', params: { days: DUE_SOON_DAYS }, count: dueSoon.length, link: '/supervision', due: nearest(dueSoon), overdue: false });
  if (received.items.length)
    tasks.push({ key: 'supervision.received', label: 'supervision.tasks.received', params: {}, count: received.items.length, link: '/supervision?status=received', due: nearest(received.items), overdue: received.items.some((c) => c.overdue) });
  return tasks;
};
