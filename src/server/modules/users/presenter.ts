import { z } from 'zod';
import { Role } from '../../../domain/enums.js';
import type { ResolvedSession } from './sessions.js';

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.enum(['vi', 'en']),
  personId: z.string().nullable(),
  roles: z.array(z.object({ role: Role, unitId: z.string(), unitName: z.string(), unitKind: z.string() })),
}).meta({ id: 'Me' });
export const SessionSchema = z.object({ user: MeSchema, csrfToken: z.string() }).meta({ id: 'Session' });

export const presentSession = (s: ResolvedSession) => ({
  user: {
    ...s.user,
    roles: s.actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName, unitKind: g.unitKind })),
  },
  csrfToken: s.csrfToken,
});
