// The access walk of the health check: how each route is called by the access suite (src/server/test/access.test.ts).
import type { AccessWalk } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/health': { public: true, noCross: 'no record', sample: () => ({ url: '/api/health' }) },
};
