// A consultation's public page (plain HTML, the public entry): the question, the ballot code, the result.
import type { PublicModule } from '../../plain/public-module';

export const consultationsPublic: PublicModule = {
  name: 'consultations',
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
  pages: [{ path: '/tham-van/:id', page: () => import('./public/ConsultationPage').then((m) => m.PublicConsultationPage) }],
};
