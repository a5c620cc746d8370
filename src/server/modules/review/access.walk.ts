// The access walk of the yearly review: how each route is called by the access suite (src/server/test/access.test.ts).
import { defaultTemplateSet } from '../../../domain/review.js';
import { type AccessWalk, DAY, NO_REVIEW } from '../../test/walk.js';

export const walk: AccessWalk = {
  // The fixtures hold no review cycle: calls naming a cycle or a review record use an id that
  // does not exist (answered like one of A). review/review.test.ts walks the same routes with a real cycle of A.
  'GET /api/review/templates': {
    crossBranch: (f) => [{ url: `/api/review/templates?unitId=${f.communeA.id}&year=2025` }, { url: `/api/review/templates?unitId=${f.cellA1.id}&year=2025` }],
    crossList: (f) => [{ url: `/api/review/templates?unitId=${f.communeB.id}&year=2025` }],
  },
  'PUT /api/review/templates/:year': {
    crossBranch: (f) => [{ url: '/api/review/templates/2025', body: { unitId: f.communeA.id, ...defaultTemplateSet } }],
  },
  'GET /api/review/todo': { crossList: () => [{ url: '/api/review/todo' }] },
  'GET /api/review/cycles': { crossList: () => [{ url: '/api/review/cycles' }] },
  'POST /api/review/cycles': {
    crossBranch: (f) => [
      {
        url: '/api/review/cycles',
        body: { unitId: f.communeA.id, year: 2024, kind: 'yearly', title: 'Kiểm điểm thử', branchIds: [f.cellA1.id], referenceDate: DAY, selfDue: DAY, cellDue: DAY, decisionDue: DAY },
      },
    ],
  },
  'GET /api/review/cycles/:id': { crossBranch: () => [{ url: `/api/review/cycles/${NO_REVIEW}` }] },
  'POST /api/review/cycles/:id/close': { crossBranch: () => [{ url: `/api/review/cycles/${NO_REVIEW}/close`, body: {} }] },
  'GET /api/review/cycles/:id/units/:unitId': { crossBranch: (f) => [{ url: `/api/review/cycles/${NO_REVIEW}/units/${f.cellA1.id}` }] },
  'GET /api/review/participants/:id': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}` }] },
  'GET /api/review/participants/:id/form.pdf': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/form.pdf` }] },
  'GET /api/review/participants/:id/form.xlsx': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/form.xlsx` }] },
  'GET /api/review/import/template.xlsx': { noCross: 'the blank template holds no records', sample: () => ({ url: '/api/review/import/template.xlsx' }) },
  'POST /api/review/import': {
    crossBranch: (f) => [
      { url: '/api/review/import', multipart: { fields: { unitId: f.communeA.id }, file: { name: 'ket-qua.xlsx', content: Buffer.from('not really a workbook') } } },
    ],
  },
  'POST /api/review/participants/:id/self-assessment': {
    crossBranch: () => [
      { url: `/api/review/participants/${NO_REVIEW}/self-assessment`, body: { scores: [{ code: '1', points: 10 }], tasksTotal: 1, tasksLate: 0, tasksExceeding: 0, disciplined: false, shortcomingsFixed: true } },
    ],
  },
  'POST /api/review/participants/:id/appraisal': {
    crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/appraisal`, body: { meetingDate: DAY, present: 3, votesFor: 3, votesAgainst: 0, proposedLevel: 'good' } }],
  },
  'POST /api/review/participants/:id/decision': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/decision`, body: { level: 'good' } }] },
  'POST /api/review/participants/:id/complaint': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/complaint`, body: { reason: 'Khiếu nại' } }] },
  'POST /api/review/participants/:id/recheck': { crossBranch: () => [{ url: `/api/review/participants/${NO_REVIEW}/recheck`, body: { level: 'good', reason: 'Phúc tra' } }] },
  'GET /api/review/figures': {
    crossBranch: (f) => [
      { url: `/api/review/figures?unitId=${f.communeA.id}&year=2024` },
      { url: `/api/review/figures?unitId=${f.cellA1.id}&year=2024` },
      { url: `/api/review/figures?unitId=${f.province.id}&year=2024` },
    ],
    crossList: (f) => [{ url: `/api/review/figures?unitId=${f.communeB.id}&year=2024` }],
  },
  'GET /api/review/figures.xlsx': {
    crossBranch: (f) => [{ url: `/api/review/figures.xlsx?unitId=${f.communeA.id}&year=2024` }, { url: `/api/review/figures.xlsx?unitId=${f.province.id}&year=2024` }],
  },
};
