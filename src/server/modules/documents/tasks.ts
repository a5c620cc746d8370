// Documents' part of the home page: what the reader's cells must still study, in one line counted, the nearest
// deadline first; overdue when that deadline passed.
import type { TaskProvider } from '../../platform/module.js';
import { toStudy } from './dissemination.js';

export const documentTasks: TaskProvider = async (db, actor) => {
  const open = (await toStudy(db, actor)).filter((s) => !s.studiedOn);
  if (open.length === 0) return [];
  const first = open[0];
  return [
    {
      key: 'documents.study',
      label: 'documents.tasks.study',
      params: { number: first.number, cells: new Set(open.map((s) => s.cellId)).size },
      count: open.length,
      link: '/documents?tab=study',
      due: first.deadline,
      overdue: open.some((s) => s.state === 'overdue'),
    },
  ];
};
