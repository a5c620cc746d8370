// The yearly review.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import vi from './i18n/vi.json';

const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));

export const reviewModule: WebModule = {
  name: 'review',
  routes: [{ path: '/review', element: <ReviewPage /> }],
  menu: [{ to: '/review', key: 'review', label: 'review.nav' }],
  catalogs: { vi, en: () => import('./i18n/en.json') },
};
