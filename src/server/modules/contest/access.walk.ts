// The access walk of the contest: how each route is called by the access suite (src/server/test/access.test.ts) as
// the officer of commune B. The contest itself is the province's, read by every branch under it; what officer.b must
// never reach is commune A's part — its secretaries, their candidacies, attempts, answers, scores and certificates.
// Records that do not exist are answered like commune A's (404).
import { type AccessWalk, NO_REVIEW } from '../../test/walk.js';

const NO = NO_REVIEW;
const NO2 = NO_REVIEW.replace('e7e7', 'e7e8');
const round = { level: 'commune', title: 'Vòng xã', opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z', rules: { quotas: [], testMinutes: 20, criteria: [], dropHighLowFrom: 0, testWeight: 1, presentationWeight: 0, tieBreaks: [], advancePerCommune: 1 } };

export const walk: AccessWalk = {
  'GET /api/contests': { crossList: () => [{ url: '/api/contests' }] },
  'POST /api/contests': { crossBranch: (f) => [{ url: '/api/contests', body: { year: 2031, title: 'Hội thi', awards: [], organizerUnitId: f.communeA.id } }] },
  'GET /api/contests/:id': { crossBranch: () => [{ url: `/api/contests/${NO}` }] },
  'POST /api/contests/:id/rounds': { crossBranch: () => [{ url: `/api/contests/${NO}/rounds`, body: round }] },
  'POST /api/contests/:id/publish': { crossBranch: () => [{ url: `/api/contests/${NO}/publish`, body: {} }] },
  'GET /api/contests/:id/export.xlsx': { crossBranch: () => [{ url: `/api/contests/${NO}/export.xlsx` }] },
  'PUT /api/contest-rounds/:id/judges': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/judges`, body: { usernames: ['officer.b'] } }] },
  'GET /api/contest-rounds/:id/judges': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/judges` }] },
  'GET /api/contest-rounds/:id/candidates': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/candidates` }] },
  'GET /api/contest-rounds/:id/advancing': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/advancing` }] },
  'POST /api/contest-rounds/:id/candidates': { crossBranch: (f) => [{ url: `/api/contest-rounds/${NO}/candidates`, body: { personId: f.people.secretaryA1.id } }] },
  'GET /api/contest-units/:id/secretaries': { crossBranch: (f) => [{ url: `/api/contest-units/${f.communeA.id}/secretaries` }, { url: `/api/contest-units/${f.cellA1.id}/secretaries` }] },
  'GET /api/contest-questions': { noCross: 'the question bank is the organizers’ and names no branch', sample: () => ({ url: '/api/contest-questions' }) },
  'POST /api/contest-questions': {
    noCross: 'the question bank is the organizers’ and names no branch',
    sample: () => ({ url: '/api/contest-questions', body: { category: 'charter', difficulty: 'easy', text: 'Câu hỏi', options: ['a', 'b'], correct: [0] } }),
  },
  'PUT /api/contest-questions/:id': { noCross: 'the question bank is the province board\'s; a commune officer is refused (403) whatever the id', sample: () => ({ url: `/api/contest-questions/${NO}`, body: { category: 'charter', difficulty: 'easy', text: 'Câu hỏi?', options: ['a', 'b'], correct: [0] } }) },
  'POST /api/contest-questions/import': {
    noCross: 'the question bank is the organizers’ and names no branch',
    sample: () => ({ url: '/api/contest-questions/import', multipart: { fields: {}, file: { name: 'cau-hoi.xlsx', content: Buffer.from('PK') } } }),
  },
  'POST /api/contest-candidates/:id/attempt': { crossBranch: () => [{ url: `/api/contest-candidates/${NO}/attempt`, body: {} }] },
  'GET /api/contest-candidates/:id/attempt': { crossBranch: () => [{ url: `/api/contest-candidates/${NO}/attempt` }] },
  'PUT /api/contest-attempts/:id/answers/:questionId': { crossBranch: () => [{ url: `/api/contest-attempts/${NO}/answers/${NO2}`, body: { chosen: [0] } }] },
  'POST /api/contest-attempts/:id/finish': { crossBranch: () => [{ url: `/api/contest-attempts/${NO}/finish`, body: {} }] },
  'GET /api/contest-attempts/:id/review': { crossBranch: () => [{ url: `/api/contest-attempts/${NO}/review` }] },
  'GET /api/contest-attempts/:id/draw': { crossBranch: () => [{ url: `/api/contest-attempts/${NO}/draw` }] },
  'GET /api/contest-rounds/:id/sheet': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/sheet` }] },
  'POST /api/contest-candidates/:id/scores': { crossBranch: () => [{ url: `/api/contest-candidates/${NO}/scores`, body: { points: { content: 10 } } }] },
  'GET /api/contest-rounds/:id/deviations': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/deviations` }] },
  'GET /api/contest-rounds/:id/ranking': { crossBranch: () => [{ url: `/api/contest-rounds/${NO}/ranking` }] },
  'GET /api/contest-candidates/:id/certificate.pdf': { crossBranch: () => [{ url: `/api/contest-candidates/${NO}/certificate.pdf` }] },
  'GET /api/public/contests/:year/results': { public: true, noCross: 'published results are public', sample: () => ({ url: '/api/public/contests/2025/results' }) },
  'GET /api/public/contest-certificates/:id': { public: true, noCross: 'a certificate of merit is public by its code: the page shows what the certificate itself shows', sample: () => ({ url: `/api/public/contest-certificates/${NO}` }) },
};
