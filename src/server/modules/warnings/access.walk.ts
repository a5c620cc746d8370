import { type AccessWalk, DAY } from '../../test/walk.js';

const NO_SUBJECT = '00000000-0000-4000-8000-000000000000';

export const walk: AccessWalk = {
  'GET /api/warnings': { crossList: () => [{ url: '/api/warnings' }, { url: `/api/warnings?date=${DAY}` }] },
  'GET /api/warnings/settings': {
    noCross: 'the settings of the reader’s own province; B and A share the province, whose board alone sets it',
    sample: () => ({ url: '/api/warnings/settings' }),
  },
  'PUT /api/warnings/settings': {
    noCross: 'only a province board sets its own province’s signals: a commune officer is refused (404) whatever the body',
    sample: () => ({ url: '/api/warnings/settings', body: { signals: [], communeShare: 30 } }),
  },
  'POST /api/warnings/:kind/:id/acknowledge': { crossBranch: (f) => [{ url: `/api/warnings/cell/${f.cellA2.id}/acknowledge`, body: {} }, { url: `/api/warnings/person/${NO_SUBJECT}/acknowledge`, body: {} }] },
  'POST /api/warnings/:kind/:id/notes': { crossBranch: (f) => [{ url: `/api/warnings/cell/${f.cellA2.id}/notes`, body: { body: 'Ghi chú' } }] },
  'GET /api/warnings/:kind/:id/assignees': { crossBranch: (f) => [{ url: `/api/warnings/cell/${f.cellA2.id}/assignees` }, { url: `/api/warnings/person/${NO_SUBJECT}/assignees` }] },
  'POST /api/warnings/:kind/:id/follow-up': {
    crossBranch: (f) => [{ url: `/api/warnings/cell/${f.cellA2.id}/follow-up`, body: { assigneeUserId: NO_SUBJECT, by: '2100-01-01' } }],
  },
  'POST /api/warnings/:kind/:id/close': { crossBranch: (f) => [{ url: `/api/warnings/cell/${f.cellA2.id}/close`, body: { reason: 'Đã xác minh' } }] },
};
