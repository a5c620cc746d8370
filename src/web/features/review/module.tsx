// The yearly review.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));

export const reviewModule: WebModule = {
  name: 'review',
  routes: [{ path: '/review', element: <ReviewPage /> }],
  menu: [{ to: '/review', key: 'review', label: 'review.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
