// The demo accounts: their usernames, their shared password, and which of them a database holds. Apart from seed.ts so
// that `chibo start` on an existing database lists them without loading the generator and its 4 MB list of units.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.js';
import { versionsOn } from '../org/queries.js';
import { accountGrants, usernamesOpenedBy } from '../users/queries.js';
import type { Role } from '../../../domain/enums.js';

/** The demo password and the usernames seedDemo creates (users owns them: sign-in exempts them from two-factor). */
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../users/passwords.js';
export { DEMO_PASSWORD, DEMO_USERNAMES };

export interface DemoLoginInfo {
  role: Role;
  username: string;
  password: string;
  unitName: string;
}

/** The demo accounts present in the database that the demo password still opens, with their role and unit (current name). */
export async function demoLogins(db: Db): Promise<DemoLoginInfo[]> {
  const { rows } = await db.execute<{ username: string; role: Role; unitName: string }>(sql`
    SELECT a.username, a.role, v.name AS "unitName"
    FROM ${accountGrants} a JOIN ${versionsOn(sql`CURRENT_DATE`)} v ON v.unit_id = a.unit_id
    WHERE a.username = ANY(${sql.param([...DEMO_USERNAMES])}::text[])`);
  const order = (u: string) => DEMO_USERNAMES.indexOf(u as (typeof DEMO_USERNAMES)[number]);
  // An account whose password was changed is no longer a demo sign-in: its password is not printed, nor it listed.
  const stillDemo = await usernamesOpenedBy(db, rows.map((r) => r.username), DEMO_PASSWORD);
  return rows
    .filter((r) => stillDemo.has(r.username))
    .sort((a, b) => order(a.username) - order(b.username))
    .map((r) => ({ role: r.role, username: r.username, password: DEMO_PASSWORD, unitName: r.unitName }));
}
