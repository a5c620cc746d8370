// Roster import jobs (people's: the roster is people's): the file is validated whole, then applied in one
// transaction; the job row carries the progress the UI polls and every row error found.
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../../org/schema.js';
import { users } from '../../users/schema.js';

export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
  userId: uuid('user_id').references(() => users.id),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: ['validating', 'applying', 'done', 'invalid', 'failed'] }).notNull(),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  errors: jsonb('errors').$type<{ row: number; column: string; message: string; code: string; params?: Record<string, string | number> }[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
