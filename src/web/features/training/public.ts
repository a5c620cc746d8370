// Training's public page (plain HTML, the public entry): anyone checks a certificate by its code or QR code.
import type { PublicModule } from '../../plain/public-module';

export const trainingPublic: PublicModule = {
  name: 'training',
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
  pages: [
    { path: '/xac-minh', page: () => import('./public/VerifyPage').then((m) => m.VerifyPage) },
    { path: '/xac-minh/:code', page: () => import('./public/VerifyPage').then((m) => m.VerifyPage) },
  ],
};
