// Roster workbooks over HTTP: the template, uploads that start an import job, the job's progress and errors,
// and the streamed export of a branch.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateVi, todayIso } from '../../../../domain/dates.js';
import { IsoDate } from '../../../../domain/person.js';
import type { Deps } from '../../../platform/module.js';
import { homeUnitFor } from '../../../platform/access.js';
import { readFor } from '../../../platform/db/replicas.js';
import { download, PDF_MIME, XLSX_MIME } from '../../../platform/downloads.js';
import { invalid } from '../../../platform/errors.js';
import { requireActor } from '../../../platform/http.js';
import { receiveUpload } from '../../../platform/uploads.js';
import { personPolicy } from '../policy.js';
import { authorizeRosterExport, writeRosterXlsx } from './export.js';
import { authorizeRosterImport, errorsWorkbook, getImportJob, startRosterImport } from './import.js';
import { rosterPdf } from './print.js';
import { buildRosterTemplate } from './template.js';
import { access, errors, fileAnswer, operation } from '../../../platform/openapi.js';

// Browsers and tools label .xlsx uploads in different ways; anything else is refused before it is stored.
const ACCEPTED_MIME = new Set([XLSX_MIME, 'application/octet-stream', 'application/zip', 'application/x-zip-compressed', '']);

const RowProblem = z.object({ row: z.number(), column: z.string(), message: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const ImportJob = z.object({
  id: z.string(),
  unitId: z.string(),
  fileName: z.string(),
  status: z.enum(['validating', 'applying', 'done', 'invalid', 'failed']),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  errorCount: z.number(),
  errors: z.array(RowProblem),
}).meta({ id: 'ImportJob' });

export async function rosterRoutes(scope: FastifyInstance, deps: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get('/api/imports/template.xlsx', {
    schema: {
      ...operation('downloadRosterTemplate', 'The roster workbook to fill in for an import', access.read),
      response: { 200: fileAnswer(XLSX_MIME, 'The roster template'), ...errors(401) },
      tags: ['imports'],
    },
  }, async (request, reply) => {
    requireActor(request);
    download(reply, 'Mẫu danh sách đảng viên.xlsx', XLSX_MIME);
    return reply.send(await buildRosterTemplate());
  });

  app.post(
    '/api/imports/people',
    {
      schema: {
        ...operation('startRosterImport', 'Upload a roster workbook (multipart: unitId, then file); starts an import job', access.write), tags: ['imports'],
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ job: ImportJob }), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      let unitId: string | undefined;
      const stored = await receiveUpload(request, {
        dataDir: deps.config.dataDir,
        fileField: 'file',
        accept: ({ fileName, mimetype }) => /\.xlsx$/i.test(fileName) && ACCEPTED_MIME.has(mimetype),
        refusal: 'Upload an Excel workbook (.xlsx); save other formats as .xlsx first',
        onField: async (name, value) => {
          if (name !== 'unitId') return;
          const parsed = z.uuid().safeParse(value);
          if (!parsed.success) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
          unitId = parsed.data;
          await authorizeRosterImport(db, actor, unitId); // refuse before storing anything
        },
        beforeFile: () => {
          if (!unitId) throw invalid([{ path: 'unitId', message: 'Send the unitId field before the file' }]);
        },
      });
      if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
      if (!stored) throw invalid([{ path: 'file', message: 'Attach the roster file' }]);
      const job = await startRosterImport(deps, actor, { unitId, ...stored });
      return reply.status(202).send({ job });
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        ...operation('getRosterImport', 'The progress and row errors of an import job', access.read), tags: ['imports'],
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ job: ImportJob }), ...errors(400, 401, 404) },
      },
    },
    async (request) => ({ job: await getImportJob(db, requireActor(request), request.params.id) }),
  );

  app.get('/api/imports/:id/errors.xlsx', {
    schema: {
      ...operation('downloadRosterImportErrors', 'The uploaded rows with their errors, as a workbook', access.read),
      response: { 200: fileAnswer(XLSX_MIME, 'The rows and their errors'), ...errors(400, 401, 404) },
      tags: ['imports'],
      params: z.object({ id: z.uuid() }),
      // The workbook's language: the page's, else the account's.
      querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional() }),
    },
  }, async (request, reply) => {
    const job = await getImportJob(db, requireActor(request), request.params.id);
    const lang = request.query.lang ?? request.session?.user.locale ?? 'vi';
    download(reply, `${lang === 'en' ? 'Import problems' : 'Lỗi nhập'} ${job.fileName.replace(/\.xlsx$/i, '')}.xlsx`, XLSX_MIME);
    return reply.send(await errorsWorkbook(job, lang));
  });

  app.get(
    '/api/people/export.xlsx',
    {
      schema: {
        ...operation('exportRoster', 'The roster of a branch on a date, as a workbook', access.read),
        response: { 200: fileAnswer(XLSX_MIME, 'The roster'), ...errors(400, 401, 403, 404) },
        tags: ['people'],
        querystring: z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const date = request.query.date ?? todayIso();
      // Without a unit, the actor's own branch (the first grant that may export).
      const unitId = request.query.unitId ?? homeUnitFor(personPolicy, actor, 'roster.export');
      if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to export' }]);
      // A roster may be a moment stale: it is read from a replica when there is one.
      const reader = await readFor(deps.database, request);
      const unit = await authorizeRosterExport(reader, actor, { unitId, date });
      download(reply, `Danh sách đảng viên - ${unit.name} - ${formatDateVi(date).replace(/\//g, '-')}.xlsx`, XLSX_MIME);
      const body = new PassThrough();
      writeRosterXlsx(reader, actor, { unitId, date }, body).catch((err) => {
        request.log.error({ err }, 'roster export failed');
        body.destroy(err as Error);
      });
      return reply.send(body);
    },
  );

  app.get(
    '/api/people/roster.pdf',
    {
      schema: {
        ...operation('printRoster', 'The roster of a cell or commune on a date, as a PDF to print (no CCCD, phone or card number)', access.read),
        response: { 200: fileAnswer(PDF_MIME, 'The roster (PDF)'), ...errors(400, 401, 403, 404) },
        tags: ['people'],
        querystring: z.strictObject({ unitId: z.uuid(), date: IsoDate.optional(), lang: z.enum(['vi', 'en']).optional() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const date = request.query.date ?? todayIso();
      const lang = request.query.lang ?? (request.session?.user.locale === 'en' ? 'en' : 'vi');
      const { pdf, unitName } = await rosterPdf(db, actor, { unitId: request.query.unitId, date, lang });
      const name = lang === 'en' ? `Party members - ${unitName} - ${date}.pdf` : `Danh sách đảng viên - ${unitName} - ${formatDateVi(date).replace(/\//g, '-')}.pdf`;
      return download(reply, name, PDF_MIME).send(pdf);
    },
  );
}
