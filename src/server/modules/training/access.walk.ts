// The access walk of training: how each route is called by the access suite (src/server/test/access.test.ts) as the
// commune officer of B against commune A's data. Courses of commune A and its trainees are what officer.b must never
// reach; ids that do not exist are answered like A's (404).
import { type AccessWalk, DAY, NO_REVIEW } from '../../test/walk.js';

const session = { heldOn: DAY, hours: 4, topic: 'Nghiệp vụ' };

export const walk: AccessWalk = {
  'GET /api/training/reference': { noCross: 'kinds, groups and rules are the same for everyone; organizer units are the reader\'s own', sample: () => ({ url: '/api/training/reference' }) },
  'GET /api/training/courses': { crossList: () => [{ url: '/api/training/courses' }, { url: '/api/training/courses?status=open' }] },
  'POST /api/training/courses': {
    crossBranch: (f) => [
      { url: '/api/training/courses', body: { title: 'Lớp bồi dưỡng', kindCode: 'party_work', organizerUnitId: f.communeA.id, targetGroup: 'secretaries', startsOn: DAY, endsOn: DAY, place: 'Hội trường', capacity: 10, sessions: [session] } },
    ],
  },
  'GET /api/training/courses/:id': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}` }] },
  'POST /api/training/courses/:id/sessions': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/sessions`, body: session }] },
  'POST /api/training/courses/:id/enrolments': { crossBranch: (f) => [{ url: `/api/training/courses/${NO_REVIEW}/enrolments`, body: { personIds: [f.people.secretaryA1.id] } }] },
  'GET /api/training/courses/:id/suggestions': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/suggestions` }] },
  'PUT /api/training/sessions/:id/attendance': { crossBranch: (f) => [{ url: `/api/training/sessions/${NO_REVIEW}/attendance`, body: { entries: [{ personId: f.people.secretaryA1.id, present: true }] } }] },
  'PUT /api/training/enrolments/:id/score': { crossBranch: () => [{ url: `/api/training/enrolments/${NO_REVIEW}/score`, body: { score: 8 } }] },
  'POST /api/training/enrolments/:id/withdraw': { crossBranch: () => [{ url: `/api/training/enrolments/${NO_REVIEW}/withdraw`, body: {} }] },
  'GET /api/training/theory-trend': { crossBranch: (f) => [{ url: `/api/training/theory-trend?unitId=${f.communeA.id}` }] },
  'PATCH /api/training/courses/:id': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}`, body: { capacity: 30 } }] },
  'POST /api/training/courses/:id/cancel': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/cancel`, body: { reason: 'Hoãn lớp' } }] },
  'POST /api/training/courses/:id/complete': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/complete`, body: {} }] },
  'GET /api/training/enrolments/:id/certificate': { crossBranch: () => [{ url: `/api/training/enrolments/${NO_REVIEW}/certificate` }] },
  'POST /api/training/enrolments/:id/certificate/revoke': { crossBranch: () => [{ url: `/api/training/enrolments/${NO_REVIEW}/certificate/revoke`, body: { reason: 'Cấp nhầm' } }] },
  'POST /api/training/courses/:id/materials': {
    crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/materials`, multipart: { fields: {}, file: { name: 'tai-lieu.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') } } }],
  },
  'GET /api/training/courses/:id/materials/:materialId': { crossBranch: () => [{ url: `/api/training/courses/${NO_REVIEW}/materials/${NO_REVIEW}` }] },
  'GET /api/training/untrained': { crossList: (f) => [{ url: '/api/training/untrained' }, { url: `/api/training/untrained?group=members&unitId=${f.communeB.id}` }] },
  'GET /api/training/untrained.xlsx': { crossBranch: (f) => [{ url: `/api/training/untrained.xlsx?unitId=${f.communeA.id}` }] },
  'GET /api/public/training/certificates/:code': { public: true, noCross: 'a certificate is public by its code: the page shows what the certificate itself shows', sample: () => ({ url: '/api/public/training/certificates/BD2025-AAAAA-AAAAA' }) },
};
