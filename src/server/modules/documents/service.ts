// The register of party documents: numbering in the issuer's term, links between documents, the file, search.
// Every write is one transaction with its audit event.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { todayIso } from '../../../domain/dates.js';
import {
  documentSearchText,
  formatDocumentNumber,
  nextDocumentNumber,
  parseDocumentNumber,
  termOn,
  type DocumentBody,
  type DocumentLinkKind,
  type IssuerTerm,
} from '../../../domain/documents.js';
import { foldDiacritics } from '../../../domain/vietnamese.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Db, Executor } from '../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { latestNameOf, latestPathOf } from '../org/branch.js';
import { latestPaths } from '../org/tree.js';
import { sniffDocument } from '../../platform/uploads.js';
import { authorizeOn, authorizeRead, documentActions, documentPolicy, documentReadable, readableDocuments, registerUnitsFor, sendUnitsFor } from './policy.js';
import { documentFiles, documentIssuers, documentIssuerTerms, documentLinks, documentTypes, partyDocuments } from './schema.js';

type DocumentRow = typeof partyDocuments.$inferSelect;

export async function referenceData(db: Executor, actor: Actor) {
  const [types, issuers, terms] = await Promise.all([
    db.select().from(documentTypes).orderBy(asc(documentTypes.sort)),
    db.select({ code: documentIssuers.code, name: documentIssuers.name }).from(documentIssuers).orderBy(asc(documentIssuers.code)),
    db.select().from(documentIssuerTerms).orderBy(asc(documentIssuerTerms.startsOn)),
  ]);
  return {
    registerUnits: registerUnitsFor(actor),
    sendUnits: sendUnitsFor(actor),
    types,
    issuers: issuers.map((i) => ({
      ...i,
      terms: terms.filter((t) => t.issuerCode === i.code).map((t) => ({ label: t.label, startsOn: t.startsOn, endsOn: t.endsOn })),
    })),
  };
}

async function termsOf(db: Executor, issuerCode: string): Promise<IssuerTerm[]> {
  return db
    .select({ label: documentIssuerTerms.label, startsOn: documentIssuerTerms.startsOn, endsOn: documentIssuerTerms.endsOn })
    .from(documentIssuerTerms)
    .where(eq(documentIssuerTerms.issuerCode, issuerCode));
}

/** The issuer's term on the date, or a field error saying so. */
async function termFor(db: Executor, issuerCode: string, issuedOn: string): Promise<IssuerTerm> {
  const [issuer] = await db.select().from(documentIssuers).where(eq(documentIssuers.code, issuerCode));
  if (!issuer) throw invalid([{ path: 'issuerCode', code: 'document_issuer_unknown', message: 'Unknown issuer' }]);
  const term = termOn(await termsOf(db, issuerCode), issuedOn);
  if (!term) throw invalid([{ path: 'issuedOn', code: 'document_no_term', message: "The issuer had no term on this date" }]);
  return term;
}

async function usedNumbers(db: Executor, k: { issuerCode: string; typeCode: string; termLabel: string }): Promise<number[]> {
  const rows = await db
    .select({ n: partyDocuments.number })
    .from(partyDocuments)
    .where(and(eq(partyDocuments.issuerCode, k.issuerCode), eq(partyDocuments.typeCode, k.typeCode), eq(partyDocuments.termLabel, k.termLabel)));
  return rows.map((r) => r.n);
}

/** What the form proposes: the next free number of the type in the issuer's term on that date. */
export async function proposeNumber(db: Executor, input: { issuerCode: string; typeCode: string; issuedOn: string }) {
  const term = await termFor(db, input.issuerCode, input.issuedOn);
  const number = nextDocumentNumber(await usedNumbers(db, { ...input, termLabel: term.label }));
  return { term: term.label, number, formatted: formatDocumentNumber({ number, type: input.typeCode, issuer: input.issuerCode }) };
}

async function assertType(db: Executor, typeCode: string) {
  const [t] = await db.select().from(documentTypes).where(eq(documentTypes.code, typeCode));
  if (!t) throw invalid([{ path: 'typeCode', code: 'document_type_unknown', message: 'Unknown document type' }]);
}

const numberTaken = (formatted: string) =>
  conflict(`${formatted} is already registered in this term`, [{ path: 'number', code: 'document_number_taken', message: 'This number is already registered in this term' }]);

function periodIssues(input: { periodFrom?: string | null; periodTo?: string | null }) {
  if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom)
    throw invalid([{ path: 'periodTo', code: 'end_before_start', message: 'The end date must be after the start date' }]);
}

export async function createDocument(db: Db, actor: Actor, input: DocumentBody & { unitId: string }) {
  periodIssues(input);
  if (input.issuedOn > todayIso()) throw invalid([{ path: 'issuedOn', code: 'document_issued_in_future', message: 'The issue date is in the future' }]);
  const owner = (await latestPaths(db, [input.unitId])).get(input.unitId);
  if (!owner) throw notFound('Unit');
  authorizeRead(actor, owner.path);
  authorizeOn(documentPolicy, actor, 'document.register', { path: owner.path });
  return db.transaction(async (tx) => {
    await assertType(tx, input.typeCode);
    const term = await termFor(tx, input.issuerCode, input.issuedOn);
    const key = { issuerCode: input.issuerCode, typeCode: input.typeCode, termLabel: term.label };
    // One number at a time per type and term: two officers registering at once get consecutive numbers.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`document-number:${key.issuerCode}:${key.typeCode}:${key.termLabel}`}))`);
    const used = await usedNumbers(tx, key);
    const number = input.number ?? nextDocumentNumber(used);
    const formatted = formatDocumentNumber({ number, type: input.typeCode, issuer: input.issuerCode });
    if (used.includes(number)) throw numberTaken(formatted);
    const [doc] = await tx
      .insert(partyDocuments)
      .values({
        ...key,
        number,
        issuedOn: input.issuedOn,
        title: input.title,
        signer: input.signer,
        summary: input.summary ?? '',
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        ownerUnitId: input.unitId,
        searchText: documentSearchText([formatted, input.title, input.summary]),
      })
      .returning();
    await recordAudit(tx, actor, { action: 'document.register', entityType: 'document', entityId: doc!.id, unitPath: owner.path, after: audited(doc!) });
    return { id: doc!.id, number: formatted };
  });
}

const audited = (d: DocumentRow) => ({
  number: formatDocumentNumber({ number: d.number, type: d.typeCode, issuer: d.issuerCode }),
  term: d.termLabel,
  issuedOn: d.issuedOn,
  title: d.title,
  signer: d.signer,
  periodFrom: d.periodFrom,
  periodTo: d.periodTo,
});

export type DocumentPatch = Partial<Pick<DocumentBody, 'title' | 'signer' | 'summary' | 'periodFrom' | 'periodTo'>> & { version: number };

/** A document's own row, readable by the actor, with its owner's path; 404 otherwise. */
export async function loadDocument(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(partyDocuments).where(eq(partyDocuments.id, id));
  const [doc] = opts.forUpdate ? await q.for('update') : await q;
  if (!doc) throw notFound('Document');
  const owner = (await latestPaths(db, [doc.ownerUnitId])).get(doc.ownerUnitId)!;
  authorizeRead(actor, owner.path);
  return { doc, ownerPath: owner.path, ownerName: owner.name };
}

export async function updateDocument(db: Db, actor: Actor, id: string, patch: DocumentPatch) {
  return db.transaction(async (tx) => {
    const { doc, ownerPath } = await loadDocument(tx, actor, id, { forUpdate: true });
    authorizeOn(documentPolicy, actor, 'document.edit', { path: ownerPath });
    if (doc.version !== patch.version) throw conflict('Someone else changed this document; reload it', [{ path: 'version', code: 'stale_version', message: 'Changed by someone else meanwhile' }]);
    const next = { ...doc, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as DocumentRow;
    periodIssues(next);
    const fileText = await fileTextOf(tx, id);
    const formatted = formatDocumentNumber({ number: doc.number, type: doc.typeCode, issuer: doc.issuerCode });
    const [after] = await tx
      .update(partyDocuments)
      .set({
        title: next.title,
        signer: next.signer,
        summary: next.summary,
        periodFrom: next.periodFrom,
        periodTo: next.periodTo,
        version: doc.version + 1,
        searchText: documentSearchText([formatted, next.title, next.summary, fileText]),
      })
      .where(eq(partyDocuments.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'document.edit', entityType: 'document', entityId: id, unitPath: ownerPath, before: audited(doc), after: audited(after!) });
    return after!;
  });
}

/** The text extracted from the file when it was uploaded, kept for search after an edit of the other fields. */
async function fileTextOf(db: Executor, id: string): Promise<string> {
  const [f] = await db.select({ t: documentFiles.extractedText }).from(documentFiles).where(eq(documentFiles.documentId, id));
  return f?.t ?? '';
}

export function presentDocument(d: DocumentRow, extra: { ownerName: string; typeName?: string; hasFile?: boolean }) {
  return {
    id: d.id,
    number: formatDocumentNumber({ number: d.number, type: d.typeCode, issuer: d.issuerCode }),
    typeCode: d.typeCode,
    issuerCode: d.issuerCode,
    term: d.termLabel,
    issuedOn: d.issuedOn,
    title: d.title,
    signer: d.signer,
    summary: d.summary,
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    owner: extra.ownerName,
    version: d.version,
  };
}

export interface DocumentQuery {
  q?: string;
  type?: string;
  issuer?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Search: a number typed in its form finds that document; other words match number, title, summary and file text. */
export async function listDocuments(db: Db, actor: Actor, query: DocumentQuery) {
  const ownerPath = latestPathOf(sql`${partyDocuments.ownerUnitId}`);
  const where: SQL[] = [readableDocuments(actor, ownerPath)];
  if (query.type) where.push(eq(partyDocuments.typeCode, query.type));
  if (query.issuer) where.push(eq(partyDocuments.issuerCode, query.issuer));
  if (query.from) where.push(sql`${partyDocuments.issuedOn} >= ${query.from}`);
  if (query.to) where.push(sql`${partyDocuments.issuedOn} <= ${query.to}`);
  const q = query.q?.trim();
  if (q) {
    const n = parseDocumentNumber(q);
    if (n) where.push(and(eq(partyDocuments.number, n.number), eq(partyDocuments.typeCode, n.type), eq(partyDocuments.issuerCode, n.issuer))!);
    else {
      const words = foldDiacritics(q)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .slice(0, 12);
      if (words.length) where.push(sql`${partyDocuments.search} @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`);
    }
  }
  const rows = await db
    .select({ doc: partyDocuments, ownerName: sql<string>`${latestNameOf(sql`${partyDocuments.ownerUnitId}`)}`, total: sql<number>`count(*) OVER ()::int` })
    .from(partyDocuments)
    .where(and(...where))
    .orderBy(desc(partyDocuments.issuedOn), desc(partyDocuments.number))
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map((r) => presentDocument(r.doc, { ownerName: r.ownerName })), total: rows[0]?.total ?? 0 };
}

export async function getDocument(db: Db, actor: Actor, id: string) {
  const { doc, ownerPath, ownerName } = await loadDocument(db, actor, id);
  const [file] = await db
    .select({ fileName: documentFiles.fileName, mime: documentFiles.mime, size: documentFiles.size })
    .from(documentFiles)
    .where(eq(documentFiles.documentId, id));
  const links = await linksAround(db, actor, id);
  return { document: presentDocument(doc, { ownerName }), file: file ?? null, links, actions: documentActions(actor, ownerPath) };
}

/**
 * The document's place in the tree of documents: what it implements, replaces or guides (up, recursively) and
 * what implements, replaces or guides it (down, recursively), at most 8 steps each way; only readable documents.
 */
async function linksAround(db: Executor, actor: Actor, id: string) {
  const r = await db.execute<{ dir: 'up' | 'down'; depth: number; from_id: string; to_id: string; kind: DocumentLinkKind }>(sql`
    WITH RECURSIVE up(from_id, to_id, kind, depth) AS (
      SELECT from_id, to_id, kind, 1 FROM document_links WHERE from_id = ${id}
      UNION SELECT l.from_id, l.to_id, l.kind, up.depth + 1 FROM document_links l JOIN up ON l.from_id = up.to_id WHERE up.depth < 8
    ), down(from_id, to_id, kind, depth) AS (
      SELECT from_id, to_id, kind, 1 FROM document_links WHERE to_id = ${id}
      UNION SELECT l.from_id, l.to_id, l.kind, down.depth + 1 FROM document_links l JOIN down ON l.to_id = down.from_id WHERE down.depth < 8
    )
    SELECT 'up' AS dir, * FROM up UNION ALL SELECT 'down' AS dir, * FROM down`);
  const ids = [...new Set(r.rows.flatMap((x) => [x.from_id, x.to_id]))].filter((x) => x !== id);
  const docs = ids.length ? await db.select().from(partyDocuments).where(inArray(partyDocuments.id, ids)) : [];
  const owners = await latestPaths(db, [...new Set(docs.map((d) => d.ownerUnitId))]);
  const readable = new Map(
    docs
      .filter((d) => {
        const o = owners.get(d.ownerUnitId);
        return o && documentReadable(actor, o.path);
      })
      .map((d) => [d.id, d]),
  );
  const label = (d: DocumentRow) => ({ id: d.id, number: formatDocumentNumber({ number: d.number, type: d.typeCode, issuer: d.issuerCode }), title: d.title, issuedOn: d.issuedOn });
  return r.rows
    .filter((x) => (x.from_id === id || readable.has(x.from_id)) && (x.to_id === id || readable.has(x.to_id)))
    .map((x) => ({ direction: x.dir, depth: x.depth, kind: x.kind, fromId: x.from_id, toId: x.to_id, other: label(readable.get(x.dir === 'up' ? x.to_id : x.from_id)!) }))
    .sort((a, b) => (a.direction === b.direction ? a.depth - b.depth : a.direction === 'up' ? -1 : 1));
}


export async function linkDocuments(db: Db, actor: Actor, fromId: string, input: { toId: string; kind: DocumentLinkKind }) {
  if (fromId === input.toId) throw invalid([{ path: 'toId', code: 'document_link_self', message: 'A document cannot be linked to itself' }]);
  return db.transaction(async (tx) => {
    const from = await loadDocument(tx, actor, fromId, { forUpdate: true });
    authorizeOn(documentPolicy, actor, 'document.edit', { path: from.ownerPath });
    await loadDocument(tx, actor, input.toId).catch(() => {
      throw invalid([{ path: 'toId', code: 'document_unknown', message: 'No such document' }]);
    });
    // A chain that comes back to where it started would make the tree endless: refused.
    const cycle = await tx.execute(sql`
      WITH RECURSIVE up(id, depth) AS (SELECT ${input.toId}::uuid, 0 UNION SELECT l.to_id, up.depth + 1 FROM document_links l JOIN up ON l.from_id = up.id WHERE up.depth < 50)
      SELECT 1 FROM up WHERE id = ${fromId} LIMIT 1`);
    if (cycle.rows.length) throw invalid([{ path: 'toId', code: 'document_link_cycle', message: 'This link would make a circle of documents' }]);
    const inserted = await tx.insert(documentLinks).values({ fromId, toId: input.toId, kind: input.kind }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw conflict('These documents are already linked', [{ path: 'toId', code: 'document_link_exists', message: 'Already linked' }]);
    await recordAudit(tx, actor, { action: 'document.link', entityType: 'document', entityId: fromId, unitPath: from.ownerPath, after: { toId: input.toId, kind: input.kind } });
    return { fromId, toId: input.toId, kind: input.kind };
  });
}

export async function unlinkDocuments(db: Db, actor: Actor, fromId: string, toId: string) {
  return db.transaction(async (tx) => {
    const from = await loadDocument(tx, actor, fromId, { forUpdate: true });
    authorizeOn(documentPolicy, actor, 'document.edit', { path: from.ownerPath });
    const gone = await tx.delete(documentLinks).where(and(eq(documentLinks.fromId, fromId), eq(documentLinks.toId, toId))).returning();
    if (gone.length === 0) throw notFound('Link');
    await recordAudit(tx, actor, { action: 'document.unlink', entityType: 'document', entityId: fromId, unitPath: from.ownerPath, before: { toId, kind: gone[0]!.kind } });
  });
}

export async function attachFile(db: Db, actor: Actor, id: string, file: { fileName: string; content: Buffer; text: string }) {
  const mime = sniffDocument(file.content);
  if (!mime) throw invalid([{ path: 'file', code: 'document_file_type', message: 'Send a PDF or DOCX file' }]);
  return db.transaction(async (tx) => {
    const { doc, ownerPath } = await loadDocument(tx, actor, id, { forUpdate: true });
    authorizeOn(documentPolicy, actor, 'document.edit', { path: ownerPath });
    const row = {
      documentId: id,
      fileName: file.fileName,
      mime,
      size: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      extractedText: file.text,
    };
    await tx.insert(documentFiles).values(row).onConflictDoUpdate({ target: documentFiles.documentId, set: row });
    const formatted = formatDocumentNumber({ number: doc.number, type: doc.typeCode, issuer: doc.issuerCode });
    await tx.update(partyDocuments).set({ searchText: documentSearchText([formatted, doc.title, doc.summary, file.text]) }).where(eq(partyDocuments.id, id));
    await recordAudit(tx, actor, { action: 'document.file', entityType: 'document', entityId: id, unitPath: ownerPath, after: { fileName: file.fileName, mime, size: row.size, sha256: row.sha256 } });
    return { fileName: file.fileName, mime, size: row.size };
  });
}

export async function readFile(db: Db, actor: Actor, id: string) {
  const { doc } = await loadDocument(db, actor, id);
  const [file] = await db.select().from(documentFiles).where(eq(documentFiles.documentId, id));
  if (!file) throw notFound('File');
  return { ...file, number: formatDocumentNumber({ number: doc.number, type: doc.typeCode, issuer: doc.issuerCode }) };
}

