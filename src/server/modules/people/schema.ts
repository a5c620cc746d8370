// People and their dated relations to the tree. Nothing here is deleted: leaving the party, death, transfer
// and the end of a term close rows (valid_to) and open new ones.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    /** Diacritic-free lower-case name for search. */
    nameFolded: text('name_folded').notNull(),
    /** Vietnamese order (given, family, middle), compared with COLLATE "C". */
    nameSort: text('name_sort').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    ethnicity: text('ethnicity').notNull(),
    partyCardNo: text('party_card_no'),
    joinedOn: date('joined_on').notNull(),
    officialOn: date('official_on'),
    cccd: text('cccd'),
    phone: text('phone'),
    education: text('education', { enum: ['none', 'intermediate', 'college', 'university', 'master', 'doctorate'] }).notNull(),
    theoryLevel: text('theory_level', { enum: ['none', 'elementary', 'intermediate', 'advanced', 'bachelor'] }).notNull(),
    status: text('status', { enum: ['active', 'left', 'deceased'] }).notNull().default('active'),
    statusDate: date('status_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_party_card_no_key').on(t.partyCardNo),
    uniqueIndex('people_cccd_key').on(t.cccd),
    index('people_name_sort_idx').on(sql`${t.nameSort} COLLATE "C"`, t.id),
    index('people_name_trgm_idx').using('gin', sql`${t.nameFolded} gin_trgm_ops`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('memberships_unit_idx').on(t.unitId, t.validFrom), index('memberships_person_idx').on(t.personId)],
);

export const positionTerms = pgTable(
  'position_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    position: text('position', { enum: ['secretary', 'deputy_secretary', 'committee_member'] }).notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('position_terms_unit_idx').on(t.unitId, t.position), index('position_terms_person_idx').on(t.personId)],
);

export const concurrentPosts = pgTable(
  'concurrent_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    post: text('post', { enum: ['village_head', 'front_committee_head', 'commune_official', 'other'] }).notNull(),
    title: text('title'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [index('concurrent_posts_person_idx').on(t.personId)],
);

export const equipmentIssues = pgTable(
  'equipment_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind', { enum: ['laptop', 'tablet', 'phone'] }).notNull(),
    issuedOn: date('issued_on').notNull(),
    returnedOn: date('returned_on'),
    note: text('note'),
  },
  (t) => [index('equipment_issues_person_idx').on(t.personId)],
);

/**
 * A cell's congress (đại hội chi bộ): the day it was held, the term it opened (2020–2025) and the secretary and
 * deputy secretary it elected. The terms in office are position_terms; recording the cell's latest congress puts
 * those elected into office from that day (congresses.ts). One congress per cell and day.
 */
export const cellCongresses = pgTable(
  'cell_congresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cellId: uuid('cell_id').notNull().references(() => orgUnits.id),
    heldOn: date('held_on').notNull(),
    termFrom: integer('term_from').notNull(),
    termTo: integer('term_to').notNull(),
    secretaryId: uuid('secretary_id').notNull().references(() => people.id),
    deputyId: uuid('deputy_id').references(() => people.id),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cell_congresses_cell_day_key').on(t.cellId, t.heldOn),
    index('cell_congresses_held_idx').on(t.heldOn),
    check('cell_congresses_term_order', sql`${t.termTo} > ${t.termFrom}`),
    check('cell_congresses_two_people', sql`${t.deputyId} IS NULL OR ${t.deputyId} <> ${t.secretaryId}`),
  ],
);
