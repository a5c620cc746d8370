// The access walk of supervision and criticism: the public channel and case handling: how each route is called by the access suite (src/server/test/access.test.ts).
import { defaultRules } from '../../../domain/supervision-rules.js';
import { type AccessWalk, NO_REVIEW } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/public/places': { public: true, noCross: 'public list of unit names, no member data' },
  'POST /api/public/reports': {
    public: true,
    noCross: 'anyone may report about any place',
    sample: (f) => ({ url: '/api/public/reports', body: { cellId: f.cellB1.id, category: 'suggestion', subject: 'village', content: 'Góp ý về đường liên thôn', anonymous: true } }),
  },
  'POST /api/public/reports/follow': {
    public: true,
    noCross: 'the receipt code is the only key',
    sample: () => ({ url: '/api/public/reports/follow', body: { code: 'AAAAA-AAAAA-AAAAA-AAAAA' } }),
    noCsrf: 'reads one case by its receipt code; writes nothing',
  },
  'POST /api/public/reports/answer': {
    public: true,
    noCross: 'the receipt code is the only key',
    sample: () => ({ url: '/api/public/reports/answer', body: { code: 'AAAAA-AAAAA-AAAAA-AAAAA', body: 'Trả lời câu hỏi của cán bộ' } }),
  },
  'GET /api/supervision/cases': {
    crossList: (f) => [
      { url: '/api/supervision/cases' },
      { url: '/api/supervision/cases?overdue=true' },
      { url: '/api/supervision/cases?status=received' },
      { url: '/api/supervision/cases?escalated=true' },
      { url: `/api/supervision/cases?unitId=${f.communeA.id}` },
      { url: `/api/supervision/cases?unitId=${f.cellA1.id}&limit=1` },
    ],
  },
  'POST /api/supervision/reports': {
    noCross: 'a signed-in member may report about any place; the case is routed away from the reporter',
    sample: (f) => ({ url: '/api/supervision/reports', body: { cellId: f.cellB1.id, category: 'suggestion', subject: 'village', content: 'Góp ý về đường liên thôn' } }),
  },
  'POST /api/supervision/cases/:id/link': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/link`, body: { otherId: NO_REVIEW } }] },
  'POST /api/supervision/cases/:id/unlink': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/unlink`, body: {} }] },
  'GET /api/supervision/rules': { crossList: () => [{ url: '/api/supervision/rules' }] },
  'PUT /api/supervision/rules': { crossBranch: () => [{ url: '/api/supervision/rules', body: defaultRules() }] },
  'GET /api/supervision/cases/:id': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}` }] },
  'GET /api/supervision/cases/:id/case.pdf': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/case.pdf` }, { url: `/api/supervision/cases/${f.caseA}/case.pdf?lang=en` }] },
  'POST /api/supervision/cases/:id/status': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/status`, body: { to: 'accepted' } }] },
  'POST /api/supervision/cases/:id/extend': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/extend`, body: { reason: 'Cần thêm thời gian' } }] },
  'POST /api/supervision/cases/:id/messages': {
    crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/messages`, body: { kind: 'question', body: 'Xin cho biết thêm chi tiết' } }],
  },
  'GET /api/supervision/cases/:id/attachments/:attachmentId': { crossBranch: (f) => [{ url: `/api/supervision/cases/${f.caseA}/attachments/${f.caseFileA}` }] },
  'GET /api/supervision/figures': { crossList: () => [{ url: '/api/supervision/figures' }] },
};
