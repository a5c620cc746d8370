// The access walk of the portal's editing API: officer.b (no editor grant) against the portal's records. Articles
// that do not exist are answered like one outside the branch (404). The public pages (/tin) are not /api routes:
// public.test.ts covers them.
import { type AccessWalk, NO_REVIEW } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/portal/reference': { crossList: () => [{ url: '/api/portal/reference' }] },
  'POST /api/portal/terms': { crossBranch: (f) => [{ url: '/api/portal/terms', body: { kind: 'topic', unitId: f.communeA.id, names: { vi: 'Chủ đề' } } }] },
  'GET /api/portal/articles': { crossList: () => [{ url: '/api/portal/articles' }, { url: '/api/portal/articles?q=chi%20bo' }] },
  'GET /api/portal/figures': { noCross: 'sums over the reader\'s own branch only; names no record', sample: () => ({ url: '/api/portal/figures' }) },
  'POST /api/portal/articles': { crossBranch: (f) => [{ url: '/api/portal/articles', body: { unitId: f.communeA.id, title: 'Tin xã A', body: 'Nội dung' } }] },
  'GET /api/portal/articles/:id': { crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}` }] },
  'PATCH /api/portal/articles/:id': { crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}`, body: { source: 'x', version: 1 } }] },
  'PUT /api/portal/articles/:id/translations/:lang': { crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}/translations/en`, body: { title: 'x', body: 'y', version: 1 } }] },
  'DELETE /api/portal/articles/:id/translations/:lang': { crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}/translations/en?version=1` }] },
  'POST /api/portal/articles/:id/publication': { crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}/publication`, body: { publish: true, version: 1 } }] },
  'POST /api/portal/articles/:id/images': {
    crossBranch: () => [{ url: `/api/portal/articles/${NO_REVIEW}/images`, multipart: { fields: {}, file: { name: 'anh.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) } } }],
  },
  'GET /api/portal/comments': { crossList: () => [{ url: '/api/portal/comments' }, { url: '/api/portal/comments?status=approved' }] },
  'POST /api/portal/comments/:id/moderation': { crossBranch: () => [{ url: `/api/portal/comments/${NO_REVIEW}/moderation`, body: { decision: 'approve' } }] },
};
