// Early warning's part of the home page, for those who work warnings: the warnings of their branches still open (one
// line, naming the first by rank with its commune: the cell to look at first), and the follow-ups assigned to them,
// by the nearest day. Read from the list itself (kept between reads: kept.ts), so the home page says what the
// warnings page says.
import { todayIso } from '../../../domain/dates.js';
import { allowedSomewhere } from '../../platform/access.js';
import type { TaskItem, TaskProvider } from '../../platform/module.js';
import { listWarnings } from './list.js';
import { warningPolicy } from './policy.js';

export const warningTasks: TaskProvider = async (db, actor, { signalProviders }) => {
  if (!allowedSomewhere(warningPolicy, actor, 'warning.work')) return [];
  const today = todayIso();
  const { items } = await listWarnings(db, actor, signalProviders, { date: today }, { watch: true });
  const open = items.filter((w) => w.status === 'open' && w.actions.includes('warning.work'));
  const mine = items.filter((w) => w.status !== 'closed' && actor.userId && w.followUp?.userId === actor.userId);
  const tasks: TaskItem[] = [];
  if (mine.length) {
    const due = mine.map((w) => w.followUp!.by).sort()[0];
    tasks.push({ key: 'warnings.followUp', label: 'warnings.tasks.followUp', params: {}, count: mine.length, link: '/warnings?status=acknowledged', due, overdue: due < today });
  }
  if (open.length) {
    const first = open[0];
    const name = first.person ? first.person.name : first.cell.name;
    tasks.push({ key: 'warnings.open', label: 'warnings.tasks.open', params: { first: name, commune: first.commune.name }, count: open.length, link: '/warnings?status=open', due: null, overdue: false });
  }
  return tasks;
};
