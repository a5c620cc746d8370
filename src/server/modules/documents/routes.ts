// Party documents over HTTP: the register, links, the file, dissemination and study. Thin: schemas in, a service
// call, the answer out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DisseminationBody, DocumentBody, DocumentLinkKind, DocumentTypeCode, IssuerCode, StudyBody } from '../../../domain/documents.js';
import { IsoDate } from '../../../domain/person.js';
import type { RouteDeps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { disseminationsOf, disseminationStatus, previewSend, recordStudy, remindCells, sendDocument, toStudy } from './dissemination.js';
import { extractText } from './file-text.js';
import {
  attachFile,
  createDocument,
  getDocument,
  linkDocuments,
  listDocuments,
  proposeNumber,
  readFile,
  referenceData,
  unlinkDocuments,
  updateDocument,
} from './service.js';
import { receiveDocumentFile } from './upload.js';
import { contentDisposition } from '../dashboard/routes.js';

const Id = z.object({ id: z.uuid() });
const Document = z.object({
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
});
const Link = z.object({
  direction: z.enum(['up', 'down']),
  depth: z.number(),
  kind: DocumentLinkKind,
  fromId: z.string(),
  toId: z.string(),
  other: z.object({ id: z.string(), number: z.string(), title: z.string(), issuedOn: z.string() }),
});
const DocumentDetail = z.object({
  document: Document,
  file: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }).nullable(),
  links: z.array(Link),
  actions: z.array(z.string()),
});
const Progress = { cells: z.number(), studied: z.number(), studiedLate: z.number(), pending: z.number(), overdue: z.number() };
const StudyState = z.enum(['studied', 'studied_late', 'pending', 'overdue']);

export async function documentRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['documents'];

  app.get(
    '/api/documents/reference',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            registerUnits: z.array(z.object({ id: z.string(), name: z.string() })),
            sendUnits: z.array(z.object({ id: z.string(), name: z.string() })),
            types: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), sort: z.number() })),
            issuers: z.array(z.object({ code: z.string(), name: z.string(), terms: z.array(z.object({ label: z.string(), startsOn: z.string(), endsOn: z.string().nullable() })) })),
          }),
        },
      },
    },
    async (request) => referenceData(db, requireActor(request)),
  );

  app.get(
    '/api/documents/next-number',
    {
      schema: {
        tags,
        querystring: z.strictObject({ issuerCode: IssuerCode, typeCode: DocumentTypeCode, issuedOn: IsoDate }),
        response: { 200: z.object({ term: z.string(), number: z.number(), formatted: z.string() }) },
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
        tags,
        querystring: z.strictObject({
          q: z.string().trim().max(200).optional(),
          type: DocumentTypeCode.optional(),
          issuer: IssuerCode.optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(Document), total: z.number() }) },
      },
    },
    async (request) => listDocuments(db, requireActor(request), request.query),
  );

  app.post(
    '/api/documents',
    { schema: { tags, body: DocumentBody.extend({ unitId: z.uuid() }), response: { 201: z.object({ id: z.string(), number: z.string() }) } } },
    async (request, reply) => {
      const doc = await createDocument(db, requireActor(request), request.body);
      const { document } = await getDocument(db, requireActor(request), doc.id);
      return reply.status(201).send({ id: doc.id, number: document.number });
    },
  );

  app.get('/api/documents/:id', { schema: { tags, params: Id, response: { 200: DocumentDetail } } }, async (request) =>
    getDocument(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/api/documents/:id',
    {
      schema: {
        tags,
        params: Id,
        body: DocumentBody.pick({ title: true, signer: true, summary: true, periodFrom: true, periodTo: true }).partial().extend({ version: z.number().int().min(1) }).strict(),
        response: { 200: DocumentDetail },
      },
    },
    async (request) => {
      await updateDocument(db, requireActor(request), request.params.id, request.body);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.post(
    '/api/documents/:id/links',
    { schema: { tags, params: Id, body: z.strictObject({ toId: z.uuid(), kind: DocumentLinkKind }), response: { 200: DocumentDetail } } },
    async (request) => {
      await linkDocuments(db, requireActor(request), request.params.id, request.body);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.delete(
    '/api/documents/:id/links/:toId',
    { schema: { tags, params: z.object({ id: z.uuid(), toId: z.uuid() }), response: { 200: DocumentDetail } } },
    async (request) => {
      await unlinkDocuments(db, requireActor(request), request.params.id, request.params.toId);
      return getDocument(db, requireActor(request), request.params.id);
    },
  );

  app.post(
    '/api/documents/:id/file',
    { schema: { tags, params: Id, consumes: ['multipart/form-data'], response: { 200: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const file = await receiveDocumentFile(request, config);
      return attachFile(db, actor, request.params.id, { ...file, text: await extractText(file.content) });
    },
  );

  app.get('/api/documents/:id/file', { schema: { tags, params: Id } }, async (request, reply) => {
    const file = await readFile(db, requireActor(request), request.params.id);
    return reply.type(file.mime).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
  });

  app.post(
    '/api/documents/:id/disseminations',
    { schema: { tags, params: Id, body: DisseminationBody, response: { 201: z.object({ id: z.string(), cells: z.number(), deadline: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await sendDocument(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/documents/:id/disseminations/preview',
    { schema: { tags, params: Id, body: DisseminationBody.pick({ unitIds: true }), response: { 200: z.object({ cells: z.number() }) } } },
    async (request) => previewSend(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/documents/:id/disseminations',
    { schema: { tags, params: Id, response: { 200: z.array(z.object({ id: z.string(), sentOn: z.string(), deadline: z.string(), cells: z.number(), studied: z.number() })) } } },
    async (request) => disseminationsOf(db, requireActor(request), request.params.id),
  );

  app.get(
    '/api/disseminations/:id',
    {
      schema: {
        tags,
        params: Id,
        response: {
          200: z.object({
            id: z.string(),
            documentId: z.string(),
            sentOn: z.string(),
            deadline: z.string(),
            note: z.string().nullable(),
            totals: z.object(Progress),
            communes: z.array(z.object({ communeId: z.string().nullable(), commune: z.string().nullable(), ...Progress })),
            missing: z.array(
              z.object({ cellId: z.string(), cell: z.string(), commune: z.string().nullable(), state: StudyState, remindedOn: z.string().nullable(), reminders: z.number() }),
            ),
            actions: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => disseminationStatus(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/disseminations/:id/remind',
    { schema: { tags, params: Id, body: z.strictObject({ cellIds: z.array(z.uuid()).min(1).max(10_000).optional() }), response: { 200: z.object({ reminded: z.number() }) } } },
    async (request) => remindCells(db, requireActor(request), { disseminationId: request.params.id, cellIds: request.body.cellIds }),
  );

  app.put(
    '/api/disseminations/:id/cells/:cellId',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), cellId: z.uuid() }),
        body: StudyBody,
        response: { 200: z.object({ studiedOn: z.string().nullable(), report: z.string().nullable(), state: StudyState }) },
      },
    },
    async (request) => recordStudy(db, requireActor(request), { disseminationId: request.params.id, cellId: request.params.cellId, ...request.body }),
  );

  app.get(
    '/api/documents/to-study',
    {
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
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
            }),
          ),
        },
      },
    },
    async (request) => toStudy(db, requireActor(request)),
  );
}
