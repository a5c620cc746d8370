// The party documents module: the register, links between documents, their files, dissemination and study.
import { documentLabels } from './audit-labels.js';
import { documentReminders } from './reminders.js';
import type { ChiboModule } from '../../platform/module.js';
import { documentTasks } from './tasks.js';
import { seedDocumentsDemo } from './demo.js';
import { documentFigures } from './figures.js';
import { documentPolicy, studyPolicy } from './policy.js';
import { documentRoutes } from './routes.js';

export const documentsModule: ChiboModule = {
  name: 'documents',
  routes: documentRoutes,
  policies: { documentPolicy, studyPolicy },
  auditLabels: { document: documentLabels },
  tasks: [documentTasks],
  reminders: [documentReminders],
  accessWalk: async () => (await import('./access.walk.js')).walk,
  figures: documentFigures,
  demo: seedDocumentsDemo,
  constraints: {
    party_documents_number_key: { path: 'number', code: 'document_number_taken', message: 'This number is already registered in this term' },
    party_documents_period: { path: 'periodTo', code: 'end_before_start', message: 'The end date must be after the start date' },
  },
};
