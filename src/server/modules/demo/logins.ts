// The demo accounts: their usernames, their shared password, and which of them a database holds. Apart from seed.ts so
// that `chibo start` on an existing database lists them without loading the generator and its 4 MB list of units.
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { orgUnitVersions, roleGrants, users } from '../../platform/db/schema.js';
import type { Role } from '../../../domain/enums.js';
import { checkPassword } from '../users/passwords.js';

export const DEMO_PASSWORD = 'chibo-demo-2025';

/** The usernames seedDemo creates. */
export const DEMO_USERNAMES = ['admin', 'canbo.xa', 'canbo.xa2', 'kiemtra', 'bithu', 'dangvien'] as const;

export interface DemoLoginInfo {
  role: Role;
  username: string;
  password: string;
  unitName: string;
}

/** The demo accounts present in the database that the demo password still opens, with their role and unit (current name). */
export async function demoLogins(db: Db): Promise<DemoLoginInfo[]> {
  const rows = await db
    .select({ username: users.username, passwordHash: users.passwordHash, role: roleGrants.role, unitName: orgUnitVersions.name })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(
      orgUnitVersions,
      and(
        eq(orgUnitVersions.unitId, roleGrants.unitId),
        lte(orgUnitVersions.validFrom, sql`CURRENT_DATE`),
        or(isNull(orgUnitVersions.validTo), gt(orgUnitVersions.validTo, sql`CURRENT_DATE`)),
      ),
    )
    .where(inArray(users.username, [...DEMO_USERNAMES]));
  const order = (u: string) => DEMO_USERNAMES.indexOf(u as (typeof DEMO_USERNAMES)[number]);
  // An account whose password was changed is no longer a demo sign-in: its password is not printed, nor it listed.
  const stillDemo = await Promise.all(rows.map((r) => checkPassword(r.passwordHash, DEMO_PASSWORD)));
  return rows
    .filter((_, i) => stillDemo[i])
    .sort((a, b) => order(a.username) - order(b.username))
    .map((r) => ({ role: r.role, username: r.username, password: DEMO_PASSWORD, unitName: r.unitName }));
}
