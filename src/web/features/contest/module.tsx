// The excellent-secretary contest: the year's rounds, registration, the bank, the online test, the judges' sheet,
// the rankings, and the public results page.
import { lazy } from 'react';
import type { WebModule } from '../../lib/module';
import { contestPublic } from './public';

const ContestPage = lazy(() => import('./ContestPage').then((m) => ({ default: m.ContestPage })));
const TestPage = lazy(() => import('./TestPage').then((m) => ({ default: m.TestPage })));
const JudgePage = lazy(() => import('./JudgePage').then((m) => ({ default: m.JudgePage })));
const RankingPage = lazy(() => import('./RankingPage').then((m) => ({ default: m.RankingPage })));
const AppealPage = lazy(() => import('./AppealPage').then((m) => ({ default: m.AppealPage })));
const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));

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
  menu: [{ to: '/contest', key: 'contest', label: 'contest.nav' }],
  // Its public pages (the results, the certificate of merit check) are in the public entry: public.ts.
  catalogs: contestPublic.catalogs,
};
