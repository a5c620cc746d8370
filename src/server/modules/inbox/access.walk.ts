// The inbox's access walk: every route reads or writes the signed-in account's own notifications only.
import { type AccessWalk, NO_REVIEW } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/inbox': { crossList: () => [{ url: '/api/inbox' }, { url: '/api/inbox?kind=official' }] },
  'GET /api/inbox/counts': { noCross: "the reader's own counts", sample: () => ({ url: '/api/inbox/counts' }) },
  'POST /api/inbox/read': { noCross: "marks only the reader's own notifications", sample: () => ({ url: '/api/inbox/read', body: { all: true } }) },
  'POST /api/inbox/:id/acknowledge': { crossBranch: () => [{ url: `/api/inbox/${NO_REVIEW}/acknowledge` }] },
  'GET /api/inbox/preferences': { noCross: "the reader's own choices", sample: () => ({ url: '/api/inbox/preferences' }) },
  'PUT /api/inbox/preferences': { noCross: "the reader's own choices", sample: () => ({ url: '/api/inbox/preferences', body: { preferences: [{ topic: 'import.finished', delivery: 'inbox' }] } }) },
};
