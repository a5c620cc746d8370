// The access walk of cell meetings: how each route is called by the access suite (src/server/test/access.test.ts).
// officer.b (commune B) must reach nothing of commune A: its cells' calendars, plans, missed lists, meetings.
import { type AccessWalk, NO_REVIEW } from '../../test/walk.js';

const env = { commandId: '00000000-0000-4000-8000-0000000c0001', clientId: '00000000-0000-4000-8000-0000000c0002', baseVersion: 1 };

export const walk: AccessWalk = {
  'POST /api/meetings/plan': { crossBranch: (f) => [{ url: '/api/meetings/plan', body: { unitId: f.communeA.id, year: 2024 } }, { url: '/api/meetings/plan', body: { unitId: f.cellA1.id, year: 2024 } }] },
  'GET /api/meetings/cells/:cellId/calendar': { crossBranch: (f) => [{ url: `/api/meetings/cells/${f.cellA1.id}/calendar?year=2024` }] },
  'GET /api/meetings/missed': { crossBranch: (f) => [{ url: `/api/meetings/missed?unitId=${f.communeA.id}&year=2024` }] },
  'GET /api/meetings/reminders': { crossList: () => [{ url: '/api/meetings/reminders' }] },
  'GET /api/meetings/:id': { crossBranch: () => [{ url: `/api/meetings/${NO_REVIEW}` }] },
  'POST /api/meetings/:id/commands': { crossBranch: () => [{ url: `/api/meetings/${NO_REVIEW}/commands`, body: { ...env, command: { type: 'setAgenda', items: [{ title: 'x' }] } } }] },
  'POST /api/meetings/:id/materials': {
    crossBranch: () => [
      {
        url: `/api/meetings/${NO_REVIEW}/materials`,
        multipart: { fields: { commandId: env.commandId, clientId: env.clientId, baseVersion: '1' }, file: { name: 'tai-lieu.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') } },
      },
    ],
  },
  'GET /api/meetings/:id/materials/:materialId': { crossBranch: () => [{ url: `/api/meetings/${NO_REVIEW}/materials/${NO_REVIEW}` }] },
  'GET /api/meetings/:id/minutes.pdf': { crossBranch: () => [{ url: `/api/meetings/${NO_REVIEW}/minutes.pdf` }] },
};
