// The excellent-secretary contest: the year's rounds, registration, the bank, the online test, the judges' sheet,
// the rankings, and the public results page.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';

const ContestPage = lazy(() => import('./ContestPage').then((m) => ({ default: m.ContestPage })));
const TestPage = lazy(() => import('./TestPage').then((m) => ({ default: m.TestPage })));
const JudgePage = lazy(() => import('./JudgePage').then((m) => ({ default: m.JudgePage })));
const RankingPage = lazy(() => import('./RankingPage').then((m) => ({ default: m.RankingPage })));
const AppealPage = lazy(() => import('./AppealPage').then((m) => ({ default: m.AppealPage })));
const MeritCheckPage = lazy(() => import('./MeritCheckPage').then((m) => ({ default: m.MeritCheckPage })));
const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));
const ResultsPage = lazy(() => import('./ResultsPage').then((m) => ({ default: m.ResultsPage })));

export const contestModule: WebModule = {
  name: 'contest',
  routes: [
    { path: '/contest', element: <ContestPage /> },
    { path: '/contest/test/:candidateId', element: <TestPage /> },
    { path: '/contest/rounds/:id/judge', element: <JudgePage /> },
    { path: '/contest/rounds/:id/ranking', element: <RankingPage /> },
    { path: '/contest/review/:id', element: <ReviewPage /> },
    { path: '/contest/appeal/:id', element: <AppealPage /> },
  ],
  publicRoutes: [
    { path: '/results/contest/:year', element: <ResultsPage /> },
    { path: '/xac-minh/giay-khen/:id', element: <MeritCheckPage /> },
  ],
  menu: [{ to: '/contest', key: 'contest', label: 'contest.nav' }],
  catalogs: { vi: () => import('./i18n/vi.json'), en: () => import('./i18n/en.json') },
};
