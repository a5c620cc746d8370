// Meetings' part of the home page: meetings past their day and not recorded, grouped — the secretary's own cells in
// one line, the cells the commune oversees in another — each counted, linking to the meetings page.
import type { TaskProvider } from '../../platform/module.js';
import { unrecordedMeetings } from './service.js';

const UNRECORDED_LIMIT = 500;

export const meetingTasks: TaskProvider = async (db, actor) => {
  const rows = await unrecordedMeetings(db, actor);
  const tasks = [];
  for (const yours of [true, false]) {
    const mine = rows.filter((r) => r.yours === yours);
    if (mine.length === 0) continue;
    const cells = new Set(mine.map((r) => r.cellId)).size;
    tasks.push({
      key: `meetings.unrecorded:${yours ? 'run' : 'oversee'}`,
      // The reminder list stops at its limit (unrecordedMeetings): past it the count says "at least".
      label: `${yours ? 'meetings.tasks.record' : 'meetings.tasks.overseeUnrecorded'}${rows.length >= UNRECORDED_LIMIT ? 'AtLeast' : ''}`,
      params: { cells, first: mine[0].plannedOn },
      count: mine.length,
      link: mine.length === 1 && yours ? `/meetings/${mine[0].id}` : '/meetings',
      due: mine[0].plannedOn,
      overdue: true,
    });
  }
  return tasks;
};
