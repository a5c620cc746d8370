// Party documents: the register (types and issuers as data, numbers unique per type in the issuer's term), the
// links between documents, their files, and their dissemination to cells with what each cell did about it.
import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** NQ, CT, QĐ, … (36-HD/VPTW); seeded by the migration, more may be added. */
export const documentTypes = pgTable('document_types', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull(),
});

/** Who issues: TW (the Central Committee), TU (the Province Committee), a commune's ĐU… */
export const documentIssuers = pgTable('document_issuers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** The party organization that issues under this code, when it is in chibo's tree; null for central bodies. */
  unitId: uuid('unit_id').references(() => orgUnits.id),
});

/** An issuing committee's terms: numbers run from 01 per type within one term. */
export const documentIssuerTerms = pgTable(
  'document_issuer_terms',
  {
    issuerCode: text('issuer_code').notNull().references(() => documentIssuers.code),
    label: text('label').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
  },
  (t) => [primaryKey({ columns: [t.issuerCode, t.label] })],
);

export const partyDocuments = pgTable(
  'party_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    typeCode: text('type_code').notNull().references(() => documentTypes.code),
    issuerCode: text('issuer_code').notNull().references(() => documentIssuers.code),
    termLabel: text('term_label').notNull(),
    number: integer('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    title: text('title').notNull(),
    signer: text('signer').notNull(),
    summary: text('summary').notNull().default(''),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    /** The unit whose register holds the document (the province for TU and TW documents): its branch reads it. */
    ownerUnitId: uuid('owner_unit_id').notNull().references(() => orgUnits.id),
    /** Number, title, summary and the file's text, folded (no diacritics, lower case), for full-text search. */
    searchText: text('search_text').notNull(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('party_documents_number_key').on(t.issuerCode, t.typeCode, t.termLabel, t.number),
    index('party_documents_search_idx').using('gin', t.search),
    index('party_documents_issued_idx').on(t.issuedOn),
    check('party_documents_period', sql`${t.periodTo} IS NULL OR ${t.periodFrom} IS NULL OR ${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/** from implements / replaces / guides to. */
export const documentLinks = pgTable(
  'document_links',
  {
    fromId: uuid('from_id').notNull().references(() => partyDocuments.id),
    toId: uuid('to_id').notNull().references(() => partyDocuments.id),
    kind: text('kind', { enum: ['implements', 'replaces', 'guides'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId] }), index('document_links_to_idx').on(t.toId), check('document_links_not_self', sql`${t.fromId} <> ${t.toId}`)],
);

/** The document's file (PDF or DOCX), kept in the database so backups carry it. */
export const documentFiles = pgTable('document_files', {
  documentId: uuid('document_id').primaryKey().references(() => partyDocuments.id),
  fileName: text('file_name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  /** The file's text (PDF text layer, DOCX body), searched with the number, title and summary. */
  extractedText: text('extracted_text').notNull().default(''),
});

/** A document sent to branches to study (quán triệt) and act on by a deadline. */
export const disseminations = pgTable(
  'document_disseminations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => partyDocuments.id),
    /** The sender's unit: its officers follow the dissemination. */
    senderUnitId: uuid('sender_unit_id').notNull().references(() => orgUnits.id),
    sentOn: date('sent_on').notNull(),
    deadline: date('deadline').notNull(),
    note: text('note'),
    targetUnitIds: uuid('target_unit_ids').array().notNull(),
  },
  (t) => [index('document_disseminations_document_idx').on(t.documentId)],
);

/** One row per cell that must study the document: fixed when it is sent, kept when the cell later moves. */
export const disseminationCells = pgTable(
  'document_dissemination_cells',
  {
    disseminationId: uuid('dissemination_id').notNull().references(() => disseminations.id),
    cellId: uuid('cell_id').notNull().references(() => orgUnits.id),
    studiedOn: date('studied_on'),
    report: text('report'),
    recordedOn: date('recorded_on'),
    remindedOn: date('reminded_on'),
    reminders: integer('reminders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.disseminationId, t.cellId] }), index('document_dissemination_cells_cell_idx').on(t.cellId)],
);

/**
 * The dashboard figures' per-cell counts by day, kept by triggers (migration documents_triggers) from the
 * dissemination rows: `due`/`onTime` dated by the deadline; `late` is a change (+1 the day after the deadline when
 * not studied by it, −1 the day it was studied), so the cells late on D are the sum up to D.
 */
export const documentCellDays = pgTable(
  'document_cell_days',
  {
    cellId: uuid('cell_id').notNull(),
    day: date('day').notNull(),
    due: integer('due').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.cellId, t.day] })],
);
