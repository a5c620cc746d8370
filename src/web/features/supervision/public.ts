// The report channel's public pages (plain HTML, the public entry): the report form and the follow page.
import type { PublicModule } from '../../plain/public-module';

export const supervisionPublic: PublicModule = {
  name: 'supervision',
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
  pages: [
    { path: '/gop-y', page: () => import('./public/ReportPage').then((m) => m.ReportPage) },
    { path: '/gop-y/theo-doi', page: () => import('./public/FollowPage').then((m) => m.FollowPage) },
  ],
};
