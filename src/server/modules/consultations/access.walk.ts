// The access walk of village consultations: how each route is called by the access suite (src/server/test/access.test.ts).
// officer.b (commune B) must reach nothing of commune A: its consultations, their tallies, codes and documents.
import { type AccessWalk, DAY, NO_REVIEW } from '../../test/walk.js';

const NO_OPTION = NO_REVIEW.replace('e7e7', 'e7e8');

export const walk: AccessWalk = {
  'GET /api/consultations': { crossList: () => [{ url: '/api/consultations' }] },
  'POST /api/consultations': {
    crossBranch: (f) => [
      { url: '/api/consultations', body: { unitId: f.cellA1.id, title: 'Đường thôn', question: 'Đóng góp làm đường thôn?', options: ['Có', 'Không'], membersEligible: true, households: 10, opensOn: DAY, closesOn: DAY } },
      { url: '/api/consultations', body: { unitId: f.communeA.id, title: 'Nhà văn hóa', question: 'Vị trí nhà văn hóa xã?', options: ['A', 'B'], membersEligible: false, households: 10, opensOn: DAY, closesOn: DAY } },
    ],
  },
  'GET /api/consultations/thresholds': { crossList: () => [{ url: '/api/consultations/thresholds' }] },
  'PUT /api/consultations/thresholds': { crossBranch: () => [{ url: '/api/consultations/thresholds', body: { consensus: 60, majority: 40, minTurnout: 10 } }] },
  'GET /api/consultations/:id': { crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}` }] },
  'POST /api/consultations/:id/answer': { crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}/answer`, body: { optionId: NO_OPTION } }] },
  'POST /api/consultations/:id/codes': { crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}/codes`, body: { count: 5 } }] },
  'PUT /api/consultations/:id/tally': {
    crossBranch: () => [
      { url: `/api/consultations/${NO_REVIEW}/tally`, body: { commandId: NO_OPTION, baseVersion: 0, method: 'hands', heldOn: DAY, present: 1, counts: [{ optionId: NO_OPTION, count: 1 }], reason: 'Biểu quyết' } },
    ],
  },
  'POST /api/consultations/:id/decision': { crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}/decision`, body: { decision: 'Thông qua', followUp: '', decidedOn: DAY } }] },
  'POST /api/consultations/:id/documents': {
    crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}/documents`, multipart: { fields: {}, file: { name: 'tai-lieu.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') } } }],
  },
  'GET /api/consultations/:id/documents/:documentId': { crossBranch: () => [{ url: `/api/consultations/${NO_REVIEW}/documents/${NO_OPTION}` }] },
  'GET /api/public/consultations/:id': { public: true, noCross: 'the public page of a consultation: its question and, once closed, its result; nothing about who answered', sample: () => ({ url: `/api/public/consultations/${NO_REVIEW}` }) },
  'GET /api/public/consultations/:id/documents/:documentId': { public: true, noCross: 'the public page’s documents', sample: () => ({ url: `/api/public/consultations/${NO_REVIEW}/documents/${NO_OPTION}` }) },
  'POST /api/public/consultations/:id/answer': {
    public: true,
    noCross: 'the ballot code is the only key',
    sample: () => ({ url: `/api/public/consultations/${NO_REVIEW}/answer`, body: { code: 'AAAA-AAAA-AAAA', optionId: NO_OPTION } }),
  },
};
