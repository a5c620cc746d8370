// The access walk of the tree: how each route is called by the access suite (src/server/test/access.test.ts).
import { type AccessWalk, DAY } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/units/roots': { crossList: () => [{ url: '/api/units/roots' }] },
  'GET /api/units/search': {
    crossList: (f) => [
      { url: `/api/units/search?q=${encodeURIComponent('Minh Quang')}` },
      { url: `/api/units/search?q=${encodeURIComponent('na hang')}` },
      { url: `/api/units/search?q=${encodeURIComponent('Chi bộ')}` },
      { url: `/api/units/search?q=${encodeURIComponent('Chi bộ')}&kind=cell` },
      { url: `/api/units/search?q=${encodeURIComponent('Đảng ủy')}&kind=commune` },
      { url: `/api/units/search?q=${encodeURIComponent(f.cellA1.code!)}` },
    ],
  },
  'GET /api/units/:id': {
    crossBranch: (f) => [{ url: `/api/units/${f.communeA.id}` }, { url: `/api/units/${f.cellA1.id}` }, { url: `/api/units/${f.cellA1.id}?date=2021-01-01` }],
    crossList: (f) => [{ url: `/api/units/${f.communeB.id}` }, { url: `/api/units/${f.cellB1.id}` }],
  },
  'GET /api/units/:id/history': {
    crossBranch: (f) => [{ url: `/api/units/${f.communeA.id}/history` }, { url: `/api/units/${f.cellA1.id}/history` }],
    crossList: (f) => [{ url: `/api/units/${f.communeB.id}/history` }],
  },
  'POST /api/units': {
    crossBranch: (f) => [{ url: '/api/units', body: { parentId: f.communeA.id, kind: 'cell', cellKind: 'village', name: 'Chi bộ thôn Mới', validFrom: DAY } }],
  },
  'POST /api/units/:id/rename': {
    crossBranch: (f) => [
      { url: `/api/units/${f.cellA1.id}/rename`, body: { name: 'Chi bộ đổi tên', date: DAY } },
      { url: `/api/units/${f.communeA.id}/rename`, body: { name: 'Đảng ủy đổi tên', date: DAY } },
    ],
  },
  'POST /api/units/:id/move': {
    crossBranch: (f) => [
      // A cell of A pulled into B, and a cell of B pushed into A.
      { url: `/api/units/${f.cellA1.id}/move`, body: { parentId: f.communeB.id, date: DAY } },
      { url: `/api/units/${f.cellB1.id}/move`, body: { parentId: f.communeA.id, date: DAY } },
    ],
  },
  'POST /api/units/merge': {
    crossBranch: (f) => [
      { url: '/api/units/merge', body: { sourceIds: [f.cellA1.id, f.cellA2.id], name: 'Chi bộ gộp', date: DAY } },
      { url: '/api/units/merge', body: { sourceIds: [f.cellB1.id, f.cellA1.id], name: 'Chi bộ gộp', date: DAY } },
    ],
  },
  'POST /api/units/:id/split': {
    crossBranch: (f) => [
      {
        url: `/api/units/${f.cellA1.id}/split`,
        body: { date: DAY, parts: [{ name: 'Chi bộ phần một', personIds: f.a1PersonIds.slice(0, 2) }, { name: 'Chi bộ phần hai', personIds: f.a1PersonIds.slice(2) }] },
      },
    ],
  },
  'POST /api/units/:id/dissolve': {
    crossBranch: (f) => [{ url: `/api/units/${f.cellA2.id}/dissolve`, body: { date: DAY, reason: 'Giải thể để thử' } }],
  },
};
