// The access walk of the registry dashboard: how each route is called by the access suite (src/server/test/access.test.ts).
import type { AccessWalk } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/dashboard': {
    crossBranch: (f) => [
      { url: `/api/dashboard?unitId=${f.communeA.id}` },
      { url: `/api/dashboard?unitId=${f.cellA1.id}` },
      { url: `/api/dashboard?unitId=${f.province.id}` },
    ],
    crossList: (f) => [{ url: '/api/dashboard' }, { url: `/api/dashboard?unitId=${f.communeB.id}` }],
  },
  'GET /api/dashboard/trend': {
    crossBranch: (f) => [{ url: `/api/dashboard/trend?unitId=${f.communeA.id}` }, { url: `/api/dashboard/trend?unitId=${f.province.id}` }],
    crossList: (f) => [{ url: '/api/dashboard/trend' }, { url: `/api/dashboard/trend?unitId=${f.communeB.id}` }],
  },
  'GET /api/dashboard/print.pdf': {
    crossBranch: (f) => [{ url: `/api/dashboard/print.pdf?unitId=${f.communeA.id}` }, { url: `/api/dashboard/print.pdf?unitId=${f.cellA1.id}&lang=en` }],
  },
  'GET /api/dashboard/export.xlsx': {
    crossBranch: (f) => [{ url: `/api/dashboard/export.xlsx?unitId=${f.communeA.id}` }, { url: `/api/dashboard/export.xlsx?unitId=${f.province.id}` }],
  },
};
