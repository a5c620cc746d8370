// The access walk of member records, and the roster import and export: how each route is called by the access suite (src/server/test/access.test.ts).
import { personFields } from '../../test/factories.js';
import { type AccessWalk, DAY } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/people': {
    crossBranch: (f) => [{ url: `/api/people?unitId=${f.communeA.id}` }, { url: `/api/people?unitId=${f.cellA1.id}` }],
    crossList: (f) => [
      { url: '/api/people' },
      { url: '/api/people?limit=200' },
      { url: '/api/people?status=closed' },
      { url: `/api/people?q=${encodeURIComponent('Xiến')}` },
      { url: `/api/people?q=${encodeURIComponent('hoang van binh')}` },
      { url: `/api/people?q=${f.a.partyCardNo}` },
      { url: `/api/people?q=${f.a.cccd}` },
      { url: '/api/people?date=2021-01-01' },
    ],
  },
  'GET /api/people/:id': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}` }, { url: `/api/people/${f.people.secretaryA1.id}` }],
    crossList: (f) => [{ url: `/api/people/${f.people.memberB1.id}` }],
  },
  'POST /api/people': {
    crossBranch: (f) => [{ url: '/api/people', body: { ...personFields({ fullName: 'Người Mới Thử' }), unitId: f.cellA1.id, memberSince: '2020-01-01' } }],
  },
  'PATCH /api/people/:id': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}`, body: { phone: '0987654321' } }],
  },
  'POST /api/people/:id/transfer': {
    crossBranch: (f) => [
      { url: `/api/people/${f.people.memberA1.id}/transfer`, body: { toUnitId: f.cellB1.id, date: DAY } },
      // One of B's people sent into a cell of A.
      { url: `/api/people/${f.people.memberB1.id}/transfer`, body: { toUnitId: f.cellA1.id, date: DAY } },
    ],
  },
  'POST /api/people/:id/close': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}/close`, body: { reason: 'left', date: DAY } }],
  },
  'GET /api/cells/:id/congresses': {
    crossBranch: (f) => [{ url: `/api/cells/${f.cellA1.id}/congresses` }],
  },
  'POST /api/cells/:id/congresses': {
    crossBranch: (f) => [{ url: `/api/cells/${f.cellA1.id}/congresses`, body: { heldOn: DAY, termFrom: 2020, termTo: 2025, secretaryId: f.people.secretaryA1.id } }],
  },
  'POST /api/people/:id/positions': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}/positions`, body: { position: 'committee_member', from: DAY } }],
  },
  'POST /api/positions/:id/end': {
    crossBranch: (f) => [{ url: `/api/positions/${f.positionA}/end`, body: { to: DAY } }],
  },
  'POST /api/people/:id/posts': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}/posts`, body: { post: 'front_committee_head', from: DAY } }],
  },
  'POST /api/posts/:id/end': {
    crossBranch: (f) => [{ url: `/api/posts/${f.postA}/end`, body: { to: DAY } }],
  },
  'POST /api/people/:id/equipment': {
    crossBranch: (f) => [{ url: `/api/people/${f.people.memberA1.id}/equipment`, body: { kind: 'tablet', issuedOn: DAY } }],
  },
  'GET /api/people/export.xlsx': {
    crossBranch: (f) => [{ url: `/api/people/export.xlsx?unitId=${f.communeA.id}` }, { url: `/api/people/export.xlsx?unitId=${f.cellA1.id}` }],
  },
  'GET /api/people/roster.pdf': {
    crossBranch: (f) => [{ url: `/api/people/roster.pdf?unitId=${f.communeA.id}` }, { url: `/api/people/roster.pdf?unitId=${f.cellA1.id}` }],
  },
  'GET /api/imports/template.xlsx': { noCross: 'the blank template holds no records', sample: () => ({ url: '/api/imports/template.xlsx' }) },
  'POST /api/imports/people': {
    crossBranch: (f) => [
      { url: '/api/imports/people', multipart: { fields: { unitId: f.cellA1.id }, file: { name: 'danh-sach.xlsx', content: Buffer.from('not really a workbook') } } },
    ],
  },
  'GET /api/imports/:id': { crossBranch: (f) => [{ url: `/api/imports/${f.importJobA}` }] },
  'GET /api/imports/:id/errors.xlsx': { crossBranch: (f) => [{ url: `/api/imports/${f.importJobA}/errors.xlsx` }] },
};
