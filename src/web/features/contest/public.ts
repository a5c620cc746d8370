// The contest's public pages (plain HTML, the public entry): the published results and the certificate of merit check.
import type { PublicModule } from '../../plain/public-module';

export const contestPublic: PublicModule = {
  name: 'contest',
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
  pages: [
    { path: '/results/contest/:year', page: () => import('./public/ResultsPage').then((m) => m.ResultsPage) },
    { path: '/xac-minh/giay-khen/:id', page: () => import('./public/MeritCheckPage').then((m) => m.MeritCheckPage) },
  ],
};
