// The home page's access walk: both routes are lists of what the reader may reach, nothing of another branch.
import type { AccessWalk } from '../../test/walk.js';

export const walk: AccessWalk = {
  'GET /api/home': { crossList: () => [{ url: '/api/home' }] },
  'GET /api/search': { crossList: () => [{ url: '/api/search?q=thon' }, { url: '/api/search?q=nguyen' }, { url: '/api/search?q=90001' }] },
};
