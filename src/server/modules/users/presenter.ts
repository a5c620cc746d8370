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
export const SessionSchema = z
  .object({
    user: MeSchema,
    csrfToken: z.string(),
    /** The user must set up two-factor sign-in before anything else: the session reaches the enrolment routes only. */
    mustEnrolTwoFactor: z.boolean(),
  })
  .meta({ id: 'Session' });
/** A right password on an account with two-factor sign-in: no session yet, a ticket for the second step. */
export const SecondStepSchema = z
  .object({ secondStep: z.literal('totp'), challenge: z.string(), expiresInSeconds: z.number().int() })
  .meta({ id: 'SecondStep' });

export const presentSession = (s: ResolvedSession) => ({
  user: {
    ...s.user,
    roles: s.actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName, unitKind: g.unitKind })),
  },
  csrfToken: s.csrfToken,
  mustEnrolTwoFactor: s.limited,
});
