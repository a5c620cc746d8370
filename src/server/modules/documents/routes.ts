// Party documents over HTTP: the register, links, the file, dissemination and study. Thin: schemas in, a service
// call, the answer out.
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DisseminationBody, DocumentBody, DocumentLinkKind, DocumentTypeCode, IssuerCode, StudyBody } from '../../../domain/documents.js';
import { IsoDate } from '../../../domain/person.js';
import { download } from '../../platform/downloads.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, binary, errors, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { disseminationsOf, disseminationStatus, previewSend, recordStudy, remindCells, sendDocument, toStudy } from './dissemination.js';
import { extractText } from './file-text.js';
import { attachFile, createDocument, getDocument, linkDocuments, listDocuments, proposeNumber, readFile, referenceData, unlinkDocuments, updateDocument } from './service.js';

const Id = z.object({ id: z.uuid() });
const UnitRef = z.object({ id: z.string(), name: z.string() });
const Document = z
  .object({
    id: z.string(),
    number: z.string(),
    typeCode: z.string(),
    issuerCode: z.string(),
    term: z.string(),
    issuedOn: z.string(),
    title: z.string(),
    signer: z.string(),
    summary: z.string(),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    owner: z.string(),
    version: z.number(),
  })
  .meta({ id: 'PartyDocument' });
const Link = z.object({
  direction: z.enum(['up', 'down']),
  depth: z.number(),
  kind: DocumentLinkKind,
  fromId: z.string(),
  toId: z.string(),
  other: z.object({ id: z.string(), number: z.string(), title: z.string(), issuedOn: z.string() }),
});
const DocumentDetail = z
  .object({
    document: Document,
    file: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }).nullable(),
    links: z.array(Link),
    actions: z.array(z.enum(['document.edit', 'document.send'])),
  })
  .meta({ id: 'PartyDocumentDetail' });
const Progress = { cells: z.number(), studied: z.number(), studiedLate: z.number(), pending: z.number(), overdue: z.number() };
const StudyState = z.enum(['studied', 'studied_late', 'pending', 'overdue']);
const DisseminationStatus = z
  .object({
    id: z.string(),
    documentId: z.string(),
    sentOn: z.string(),
    deadline: z.string(),
    note: z.string().nullable(),
    totals: z.object(Progress),
    communes: z.array(z.object({ communeId: z.string().nullable(), commune: z.string().nullable(), ...Progress })),
    missing: z.array(z.object({ cellId: z.string(), cell: z.string(), commune: z.string().nullable(), state: StudyState, remindedOn: z.string().nullable(), reminders: z.number() })),
    actions: z.array(z.enum(['study.remind', 'study.record'])),
  })
  .meta({ id: 'DisseminationStatus' });
const StudyItem = z.object({
  disseminationId: z.string(),
  cellId: z.string(),
  cell: z.string(),
  commune: z.string().nullable(),
  documentId: z.string(),
  number: z.string(),
  title: z.string(),
  deadline: z.string(),
  studiedOn: z.string().nullable(),
  report: z.string().nullable(),
  remindedOn: z.string().nullable(),
  state: StudyState,
  canRecord: z.boolean(),
});
const Reference = z.object({
  registerUnits: z.array(UnitRef),
  sendUnits: z.array(UnitRef),
  types: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), sort: z.number() })),
  issuers: z.array(z.object({ code: z.string(), name: z.string(), terms: z.array(z.object({ label: z.string(), startsOn: z.string(), endsOn: z.string().nullable() })) })),
});
const ACCEPTED = /\.(pdf|docx)$/i;

export async function documentRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['documents'];

  app.get('/api/documents/reference', { schema: { ...operation('documentReference', 'Document types, issuers and their terms; where the reader may register and send', access.read), tags, response: { 200: Reference, ...errors(401) } } }, async (request) =>
    referenceData(db, requireActor(request)),
  );

  app.get(
    '/api/documents/next-number',
    {
      schema: {
        ...operation('proposeDocumentNumber', "The next free number of a type in the issuer's term on a date", access.read), tags,
        querystring: z.strictObject({ issuerCode: IssuerCode, typeCode: DocumentTypeCode, issuedOn: IsoDate }),
        response: { 200: z.object({ term: z.string(), number: z.number(), formatted: z.string() }), ...errors(400, 401) },
      },
    },
    async (request) => {
      requireActor(request);
      return proposeNumber(db, request.query);
    },
  );

  app.get(
    '/api/documents',
    {
      schema: {
        ...operation('listDocuments', 'Search the register by number, title, summary and file text (diacritics ignored), by type, issuer and dates', access.read), tags,
        querystring: z.strictObject({
          q: z.string().trim().max(200).optional(),
          type: DocumentTypeCode.optional(),
          issuer: IssuerCode.optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(Document), total: z.number() }), ...errors(400, 401) },
      },
    },
    async (request) => listDocuments(db, requireActor(request), request.query),
  );

  app.post(
    '/api/documents',
    {
      schema: {
        ...operation('registerDocument', 'Register a document in a unit\'s register; the number is the next free one unless given', access.write), tags,
        body: DocumentBody.extend({ unitId: z.uuid() }),
        response: { 201: z.object({ id: z.string(), number: z.string() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createDocument(db, requireActor(request), request.body)),
  );

  app.get('/api/documents/:id', { schema: { ...operation('getDocument', 'A document with its links (up and down), its file and what the reader may do', access.read), tags, params: Id, response: { 200: DocumentDetail, ...errors(400, 401, 404) } } }, async (request) =>
    getDocument(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/api/documents/:id',
    {
      schema: {
        ...operation('updateDocument', 'Correct a document\'s title, signer, summary or period (its number stays)', access.write), tags,
        params: Id,
        body: DocumentBody.pick({ title: true, signer: true, summary: true, periodFrom: true, periodTo: true }).partial().extend({ version: z.number().int().min(1) }).strict(),
        response: { 200: DocumentDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await updateDocument(db, requireActor(request), request.params.id, request.body);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.post(
    '/api/documents/:id/links',
    {
      schema: {
        ...operation('linkDocuments', 'Say that this document implements, replaces or guides another', access.write), tags,
        params: Id,
        body: z.strictObject({ toId: z.uuid(), kind: DocumentLinkKind }),
        response: { 200: DocumentDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await linkDocuments(db, requireActor(request), request.params.id, request.body);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.delete(
    '/api/documents/:id/links/:toId',
    { schema: { ...operation('unlinkDocuments', 'Remove a link between two documents', access.write), tags, params: z.object({ id: z.uuid(), toId: z.uuid() }), response: { 200: DocumentDetail, ...errors(400, 401, 403, 404) } } },
    async (request) => {
      await unlinkDocuments(db, requireActor(request), request.params.id, request.params.toId);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.post(
    '/api/documents/:id/file',
    {
      schema: {
        ...operation('attachDocumentFile', 'Upload the document\'s file (multipart: file, a PDF or DOCX); its text is searched', access.write), tags,
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const stored = await receiveUpload(request, {
        dataDir: config.dataDir,
        fileField: 'file',
        accept: ({ fileName }) => ACCEPTED.test(fileName),
        refusal: 'Send the document as a PDF or DOCX file',
      });
      if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
      try {
        // The file goes into the database (bytea), bounded by the upload limit: read once for it and its text.
        const content = await fs.readFile(stored.filePath);
        return await attachFile(db, actor, request.params.id, { fileName: stored.fileName, content, text: await extractText(content) });
      } finally {
        await removeUpload(stored);
      }
    },
  );

  app.get(
    '/api/documents/:id/file',
    {
      schema: {
        ...operation('downloadDocumentFile', "The document's file", access.read), tags,
        params: Id,
        response: { 200: { description: 'The file (PDF or DOCX)', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const file = await readFile(db, requireActor(request), request.params.id);
      return download(reply, file.fileName, file.mime).send(file.content);
    },
  );

  app.post(
    '/api/documents/:id/disseminations/preview',
    {
      schema: {
        ...operation('previewDissemination', 'How many cells would have to study the document if it were sent to these units', access.read), tags,
        security: access.write,
        params: Id,
        body: DisseminationBody.pick({ unitIds: true }),
        response: { 200: z.object({ cells: z.number() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => previewSend(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/documents/:id/disseminations',
    {
      schema: {
        ...operation('sendDocument', 'Send the document to units: every cell under them must study it by the deadline', access.write), tags,
        params: Id,
        body: DisseminationBody,
        response: { 201: z.object({ id: z.string(), cells: z.number(), deadline: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await sendDocument(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/documents/:id/disseminations',
    {
      schema: {
        ...operation('listDisseminations', 'Where the document was sent, with how many of the reader\'s cells studied it', access.read), tags,
        params: Id,
        response: { 200: z.array(z.object({ id: z.string(), sentOn: z.string(), deadline: z.string(), cells: z.number(), studied: z.number() })), ...errors(400, 401, 404) },
      },
    },
    async (request) => disseminationsOf(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/disseminations/:id',
    { schema: { ...operation('getDissemination', 'Who studied a sent document, per commune, and the cells that have not', access.read), tags, params: Id, response: { 200: DisseminationStatus, ...errors(400, 401, 404) } } },
    async (request) => disseminationStatus(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/disseminations/:id/remind',
    {
      schema: {
        ...operation('remindCells', 'Remind the cells of the reader\'s branch that have not studied the document', access.write), tags,
        params: Id,
        body: z.strictObject({ cellIds: z.array(z.uuid()).min(1).max(10_000).optional() }),
        response: { 200: z.object({ reminded: z.number() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => remindCells(db, requireActor(request), { disseminationId: request.params.id, cellIds: request.body.cellIds }),
  );

  app.put(
    '/api/disseminations/:id/cells/:cellId',
    {
      schema: {
        ...operation('recordStudy', 'Record the day a cell studied the document and what it did', access.write), tags,
        params: z.object({ id: z.uuid(), cellId: z.uuid() }),
        body: StudyBody,
        response: { 200: z.object({ studiedOn: z.string().nullable(), report: z.string().nullable(), state: StudyState }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => recordStudy(db, requireActor(request), { disseminationId: request.params.id, cellId: request.params.cellId, ...request.body }),
  );

  app.get(
    '/api/documents/to-study',
    { schema: { ...operation('documentsToStudy', "What the reader's cells must study, with deadlines and what they recorded", access.read), tags, response: { 200: z.array(StudyItem), ...errors(401) } } },
    async (request) => toStudy(db, requireActor(request)),
  );
}
