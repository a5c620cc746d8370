// The access walk of sign-in and accounts: how each route is called by the access suite (src/server/test/access.test.ts).
import { TEST_PASSWORD } from '../../test/harness.js';
import type { AccessWalk } from '../../test/walk.js';

export const walk: AccessWalk = {
  'POST /api/auth/login': {
    public: true,
    noCross: 'signs in',
    sample: () => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'wrong-password' } }),
    noCsrf: 'signing in has no session to prove; it is throttled instead',
  },
  'POST /api/auth/login/second-step': {
    public: true,
    noCross: 'completes a sign-in',
    sample: () => ({ url: '/api/auth/login/second-step', body: { challenge: 'not.a-challenge', code: '123456' } }),
    noCsrf: 'the second step has no session to prove either; a signed challenge and the code are its proof, and it is throttled',
  },
  'GET /api/auth/two-factor': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/two-factor' }) },
  'POST /api/auth/two-factor/enrol': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/two-factor/enrol', body: {} }) },
  'POST /api/auth/two-factor/confirm': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/two-factor/confirm', body: { code: '123456' } }) },
  'POST /api/auth/two-factor/recovery-codes': {
    noCross: 'about the caller alone',
    sample: () => ({ url: '/api/auth/two-factor/recovery-codes', body: { code: '123456' } }),
  },
  'POST /api/auth/two-factor/disable': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/two-factor/disable', body: { code: '123456' } }) },
  'POST /api/users/:id/reset-two-factor': {
    crossBranch: (f) => [{ url: `/api/users/${f.userIds['officer.a']}/reset-two-factor` }, { url: `/api/users/${f.userIds['member.a1']}/reset-two-factor` }],
  },
  'GET /api/auth/me': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/me' }) },
  'PATCH /api/auth/me': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/me', body: { locale: 'en' } }) },
  'GET /api/auth/me/email': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/me/email' }) },
  'PUT /api/auth/me/email': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/me/email', body: { email: 'walk@example.vn' } }) },
  'POST /api/auth/logout': { public: true, noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/logout', body: {} }) },
  'POST /api/auth/logout-all': { noCross: 'about the caller alone', sample: () => ({ url: '/api/auth/logout-all', body: {} }) },
  'GET /api/users': {
    crossBranch: (f) => [{ url: `/api/users?unitId=${f.communeA.id}` }, { url: `/api/users?unitId=${f.cellA1.id}` }],
    crossList: () => [{ url: '/api/users' }],
  },
  'POST /api/users': {
    crossBranch: (f) => [
      { url: '/api/users', body: { username: 'new.member.a1', displayName: 'Người mới', password: TEST_PASSWORD, role: 'member', unitId: f.cellA1.id } },
      { url: '/api/users', body: { username: 'new.secretary.a', displayName: 'Người mới', password: TEST_PASSWORD, role: 'cell_secretary', unitId: f.cellA2.id, personId: f.people.secretaryA2.id } },
    ],
  },
  'POST /api/users/:id/reset-password': {
    crossBranch: (f) => [
      { url: `/api/users/${f.userIds['officer.a']}/reset-password`, body: { password: 'another-password-1' } },
      { url: `/api/users/${f.userIds['member.a1']}/reset-password`, body: { password: 'another-password-1' } },
    ],
  },
};
