// Review's part of the home page: the actor's steps in the open cycles, grouped by cycle and step — one line
// "Decide the rating — 1,200 records in 50 cells", never one line per cell (defect 6) — each linking to the
// review page filtered to that step, which scrolls to its board. Only what can be done now (todo.ts).
import type { TaskItem, TaskProvider } from '../../platform/module.js';
import { reviewTodo } from './todo.js';

export const reviewTasks: TaskProvider = async (db, actor) => {
  const { items } = await reviewTodo(db, actor);
  const groups = new Map<string, TaskItem & { units: Set<string> }>();
  for (const i of items) {
    const key = `review.${i.step}:${i.cycleId}`;
    let g = groups.get(key);
    if (!g) {
      const params = new URLSearchParams({ cycle: i.cycleId, step: i.step, unit: i.unitId });
      if (i.step === 'self') params.set('self', '1');
      g = { key, label: `review.tasks.${i.step}`, params: { cycle: i.cycleTitle, cells: 0, unit: i.unitName }, count: 0, link: `/review?${params}`, due: i.due, overdue: false, units: new Set() };
      groups.set(key, g);
    }
    g.count += i.count;
    g.units.add(i.unitId);
    g.overdue ||= i.overdue;
    if (i.due && (!g.due || i.due < g.due)) g.due = i.due;
  }
  return [...groups.values()].map(({ units, ...g }) => {
    // Several cells: the link opens the step's list without one cell chosen (the commune's board).
    const link = units.size > 1 ? g.link.replace(/&unit=[^&]+/, '') : g.link;
    return { ...g, link, params: { ...g.params, cells: units.size } };
  });
};
