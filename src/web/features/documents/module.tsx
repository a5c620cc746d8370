// Party documents: the register, each document with its links and file, dissemination and what the cells studied.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const DocumentsPage = lazy(() => import('./DocumentsPage').then((m) => ({ default: m.DocumentsPage })));
const DocumentPage = lazy(() => import('./DocumentPage').then((m) => ({ default: m.DocumentPage })));
const DisseminationPage = lazy(() => import('./DisseminationPage').then((m) => ({ default: m.DisseminationPage })));

export const documentsModule: WebModule = {
  name: 'documents',
  routes: [
    { path: '/documents', element: <DocumentsPage /> },
    { path: '/documents/:id', element: <DocumentPage /> },
    { path: '/documents/disseminations/:id', element: <DisseminationPage /> },
  ],
  menu: [{ to: '/documents', key: 'documents', label: 'documents.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
