// The access walk of the audit trail: how each route is called by the access suite (src/server/test/access.test.ts).
import type { AccessWalk } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/audit': {
    // officer.b may not read the trail at all: every call is 404, whatever it names.
    crossBranch: (f) => [
      { url: '/api/audit' },
      { url: `/api/audit?unitId=${f.communeA.id}` },
      { url: `/api/audit?entityType=person&entityId=${f.people.memberA1.id}` },
    ],
  },
};
