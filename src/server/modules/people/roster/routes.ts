// Roster workbooks over HTTP: the template, uploads that start an import job, the job's progress and errors,
// and the streamed export of a branch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDateVi, todayIso } from '../../../../domain/dates.js';
import { IsoDate } from '../../../../domain/person.js';
import { foldDiacritics } from '../../../../domain/vietnamese.js';
import type { Deps } from '../../../platform/module.js';
import { homeUnitFor } from '../../../platform/access.js';
import { readFor } from '../../../platform/db/replicas.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { requireActor } from '../../../platform/http.js';
import { personPolicy } from '../policy.js';
import { authorizeRosterExport, writeRosterXlsx } from './export.js';
import { authorizeRosterImport, errorsWorkbook, getImportJob, startRosterImport } from './import.js';
import { buildRosterTemplate } from './template.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
});

/** Content-Disposition with an ASCII fallback and the real (Vietnamese) name as filename*. */
export function attachment(reply: FastifyReply, fileName: string) {
  const ascii = foldDiacritics(fileName).replace(/[^a-z0-9._ -]/gi, '').replace(/\s+/g, '-') || 'file.xlsx';
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  reply.type(XLSX_MIME);
}

export async function rosterRoutes(scope: FastifyInstance, deps: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const tmpDir = deps.config.dataDir ? path.join(deps.config.dataDir, 'tmp') : os.tmpdir();

  app.get('/api/imports/template.xlsx', { schema: { tags: ['imports'] } }, async (request, reply) => {
    requireActor(request);
    attachment(reply, 'Mẫu danh sách đảng viên.xlsx');
    return reply.send(await buildRosterTemplate());
  });

  app.post(
    '/api/imports/people',
    { schema: { tags: ['imports'], consumes: ['multipart/form-data'], response: { 202: z.object({ job: ImportJob }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
      let unitId: string | undefined;
      let stored: { filePath: string; fileName: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.fieldname === 'unitId') {
              const parsed = z.uuid().safeParse(String(part.value));
              if (!parsed.success) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
              unitId = parsed.data;
              await authorizeRosterImport(db, actor, unitId); // refuse before storing anything
            }
            continue;
          }
          if (part.fieldname !== 'file' || stored) {
            part.file.resume();
            continue;
          }
          const fileName = path.basename(part.filename || 'roster.xlsx');
          if (!/\.xlsx$/i.test(fileName) || !ACCEPTED_MIME.has(part.mimetype ?? '')) {
            part.file.resume();
            throw new AppError('unsupported_media_type', 'Upload an Excel workbook (.xlsx); save other formats as .xlsx first');
          }
          if (!unitId) {
            part.file.resume();
            throw invalid([{ path: 'unitId', message: 'Send the unitId field before the file' }]);
          }
          await fs.promises.mkdir(tmpDir, { recursive: true });
          const filePath = path.join(tmpDir, `import-${randomUUID()}.xlsx`);
          stored = { filePath, fileName };
          await pipeline(part.file, fs.createWriteStream(filePath));
          if (part.file.truncated) throw new AppError('too_large', 'The file is larger than the upload limit');
        }
      } catch (err) {
        if (stored) await fs.promises.rm(stored.filePath, { force: true });
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 'The file is larger than the upload limit');
        throw err;
      }
      if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
      if (!stored) throw invalid([{ path: 'file', message: 'Attach the roster file' }]);
      const job = await startRosterImport(deps, actor, { unitId, ...stored });
      return reply.status(202).send({ job });
    },
  );

  app.get(
    '/api/imports/:id',
    { schema: { tags: ['imports'], params: z.object({ id: z.uuid() }), response: { 200: z.object({ job: ImportJob }) } } },
    async (request) => ({ job: await getImportJob(db, requireActor(request), request.params.id) }),
  );

  app.get('/api/imports/:id/errors.xlsx', { schema: { tags: ['imports'], params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const job = await getImportJob(db, requireActor(request), request.params.id);
    attachment(reply, `Lỗi nhập ${job.fileName.replace(/\.xlsx$/i, '')}.xlsx`);
    return reply.send(await errorsWorkbook(job));
  });

  app.get(
    '/api/people/export.xlsx',
    { schema: { tags: ['people'], querystring: z.strictObject({ unitId: z.uuid().optional(), date: IsoDate.optional() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const date = request.query.date ?? todayIso();
      // Without a unit, the actor's own branch (the first grant that may export).
      const unitId = request.query.unitId ?? homeUnitFor(personPolicy, actor, 'roster.export');
      if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to export' }]);
      // A roster may be a moment stale: it is read from a replica when there is one.
      const reader = await readFor(deps.database, request);
      const unit = await authorizeRosterExport(reader, actor, { unitId, date });
      attachment(reply, `Danh sách đảng viên - ${unit.name} - ${formatDateVi(date).replace(/\//g, '-')}.xlsx`);
      const body = new PassThrough();
      writeRosterXlsx(reader, actor, { unitId, date }, body).catch((err) => {
        request.log.error({ err }, 'roster export failed');
        body.destroy(err as Error);
      });
      return reply.send(body);
    },
  );
}
