// The access walk of party documents: how each route is called by the access suite (src/server/test/access.test.ts).
// Documents registered by the province are read by every branch under it (policy.ts): what officer.b must never
// reach is commune A's part — its cells' study records, a register held by commune A, a dissemination to A.
import { type AccessWalk, DAY, NO_REVIEW } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/documents/reference': { noCross: 'the types and issuers of documents are the same for everyone', sample: () => ({ url: '/api/documents/reference' }) },
  'GET /api/documents/next-number': { noCross: 'a proposed number names no record', sample: () => ({ url: '/api/documents/next-number?issuerCode=TU&typeCode=CT&issuedOn=2024-06-03' }) },
  'GET /api/documents': { crossList: () => [{ url: '/api/documents' }, { url: '/api/documents?q=thon' }] },
  'GET /api/documents/to-study': { crossList: () => [{ url: '/api/documents/to-study' }] },
  'POST /api/documents': {
    crossBranch: (f) => [{ url: '/api/documents', body: { unitId: f.communeA.id, typeCode: 'TB', issuerCode: 'TU', issuedOn: DAY, title: 'Thông báo', signer: 'Bí thư' } }],
  },
  'GET /api/documents/:id': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}` }] },
  'PATCH /api/documents/:id': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}`, body: { title: 'x', version: 1 } }] },
  'POST /api/documents/:id/links': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/links`, body: { toId: NO_REVIEW.replace('e7e7', 'e7e8'), kind: 'implements' } }] },
  'DELETE /api/documents/:id/links/:toId': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/links/${NO_REVIEW.replace('e7e7', 'e7e8')}` }] },
  'POST /api/documents/:id/file': {
    crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/file`, multipart: { fields: {}, file: { name: 'van-ban.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') } } }],
  },
  'GET /api/documents/:id/file': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/file` }] },
  'POST /api/documents/:id/disseminations': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/disseminations`, body: { unitIds: [NO_REVIEW], deadline: '2099-01-01' } }] },
  'POST /api/documents/:id/disseminations/preview': { crossBranch: (f) => [{ url: `/api/documents/${NO_REVIEW}/disseminations/preview`, body: { unitIds: [f.communeA.id] } }] },
  'GET /api/documents/:id/disseminations': { crossBranch: () => [{ url: `/api/documents/${NO_REVIEW}/disseminations` }] },
  'GET /api/disseminations/:id': { crossBranch: () => [{ url: `/api/disseminations/${NO_REVIEW}` }] },
  'POST /api/disseminations/:id/remind': { crossBranch: () => [{ url: `/api/disseminations/${NO_REVIEW}/remind`, body: {} }] },
  'PUT /api/disseminations/:id/cells/:cellId': { crossBranch: (f) => [{ url: `/api/disseminations/${NO_REVIEW}/cells/${f.cellA1.id}`, body: { studiedOn: DAY } }] },
};
