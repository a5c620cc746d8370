// Figures and forms out: the review figures of a node (JSON, .xlsx with the list of results) and the form of
// one participant as PDF or .xlsx (Mẫu 2A/2B/2C for a person, Mẫu 01 for a cell). Results of past years in:
// the import template and the upload.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app.js';
import { requireActor } from '../../platform/http.js';
import { contentDisposition } from '../dashboard/routes.js';
import { findUnit } from '../org/tree.js';
import { AppError, invalid } from '../../platform/errors.js';
import { reviewFormWorkbook, reviewWorkbook } from './excel.js';
import { importResults, importTemplate } from './import.js';
import { resultRows, reviewFigures, ReviewFiguresSchema } from './figures.js';
import { getParticipant, loadParticipant, templateOf } from './participants.js';
import { reviewFormPdf } from './pdf.js';
import { ImportResultSchema } from './responses.js';
import { access, errors, fileAnswer, XLSX_MIME } from '../../platform/openapi.js';

const FiguresQuery = z.strictObject({ unitId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "Đảng ủy xã Minh Quang" → "Minh Quang": the place written on the dated line. */
const placeOf = (communeName: string) => communeName.replace(/^(Đảng ủy|Đảng bộ)\s+/i, '').replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '');

export async function reviewExportRoutes(scope: FastifyInstance, { database }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['review'];

  app.get(
    '/api/review/figures',
    {
      schema: {
        operationId: 'getReviewFigures',
        summary: 'The review figures of a node for a year',
        security: access.read,
        tags,
        querystring: FiguresQuery,
        response: { 200: ReviewFiguresSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      reviewFigures(db, requireActor(request), request.query),
  );

  app.get('/api/review/figures.xlsx', {
    schema: {
      operationId: 'exportReviewFigures',
      summary: 'The review figures and the list of results, as a workbook',
      security: access.read,
      response: { 200: fileAnswer(XLSX_MIME, 'The figures and results'), ...errors(400, 401, 403, 404) },
      tags,
      querystring: FiguresQuery,
    },
  }, async (request, reply) => {
    const figures = await reviewFigures(db, requireActor(request), request.query);
    const body = await reviewWorkbook(figures, await resultRows(db, request.query));
    return reply
      .type(XLSX)
      .header('content-disposition', contentDisposition(`Xếp loại ${figures.year} - ${figures.unit.name}.xlsx`))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/api/review/participants/:id/form.pdf', {
    schema: {
      operationId: 'downloadReviewFormPdf',
      summary: 'The review form of a participant (Mẫu 01, 2A, 2B or 2C), as PDF',
      security: access.read,
      response: { 200: fileAnswer('application/pdf', 'The form'), ...errors(400, 401, 404) },
      tags,
      params: z.object({ id: z.uuid() }),
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { participant, cycle } = await getParticipant(db, actor, request.params.id);
    const { p, cycle: row } = await loadParticipant(db, actor, request.params.id, 'review.read');
    const commune = await findUnit(db, p.communeId, row.referenceDate);
    const communeName = commune?.name ?? '';
    const pdf = await reviewFormPdf({ participant, template: templateOf(row, p), year: cycle.year, communeName, place: placeOf(communeName) });
    const who = participant.kind === 'cell' ? participant.unitName : participant.fullName ?? '';
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(`Mẫu ${participant.form} - ${who} - ${cycle.year}.pdf`))
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get('/api/review/participants/:id/form.xlsx', {
    schema: {
      operationId: 'downloadReviewFormXlsx',
      summary: 'The review form of a participant, as a workbook',
      security: access.read,
      response: { 200: fileAnswer(XLSX_MIME, 'The form'), ...errors(400, 401, 404) },
      tags,
      params: z.object({ id: z.uuid() }),
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { participant, cycle } = await getParticipant(db, actor, request.params.id);
    const { p, cycle: row } = await loadParticipant(db, actor, request.params.id, 'review.read');
    const commune = await findUnit(db, p.communeId, row.referenceDate);
    const body = await reviewFormWorkbook({ participant, template: templateOf(row, p), year: cycle.year, communeName: commune?.name ?? '' });
    const who = participant.kind === 'cell' ? participant.unitName : participant.fullName ?? '';
    return reply
      .type(XLSX)
      .header('content-disposition', contentDisposition(`Mẫu ${participant.form} - ${who} - ${cycle.year}.xlsx`))
      .header('cache-control', 'no-store')
      .send(body);
  });

  app.get('/api/review/import/template.xlsx', {
    schema: {
      operationId: 'downloadReviewImportTemplate',
      summary: 'The workbook to fill in with results of past years',
      security: access.read,
      response: { 200: fileAnswer(XLSX_MIME, 'The template'), ...errors(401) },
      tags,
    },
  }, async (request, reply) => {
    requireActor(request);
    return reply.type(XLSX).header('content-disposition', contentDisposition('Mẫu nhập kết quả xếp loại.xlsx')).send(await importTemplate());
  });

  // Small files (a few thousand rows): read in memory and answered at once, all or nothing.
  app.post('/api/review/import', {
    schema: {
      operationId: 'importReviewResults',
      summary: 'Upload results of past years (multipart: unitId, file); all or nothing, every bad row reported',
      security: access.write,
      response: { 200: ImportResultSchema, ...errors(400, 401, 403, 404, 413, 415) },
      tags,
      consumes: ['multipart/form-data'],
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
    let unitId: string | undefined;
    let content: Buffer | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'unitId') {
            const parsed = z.uuid().safeParse(String(part.value));
            if (!parsed.success) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
            unitId = parsed.data;
          }
          continue;
        }
        if (part.fieldname !== 'file' || content || !/\.xlsx$/i.test(part.filename ?? '')) {
          part.file.resume();
          if (part.fieldname === 'file' && !content) throw new AppError('unsupported_media_type', 'Upload an Excel workbook (.xlsx); save other formats as .xlsx first');
          continue;
        }
        content = await part.toBuffer();
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 'The file is larger than the upload limit');
      throw err;
    }
    if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
    if (!content) throw invalid([{ path: 'file', message: 'Attach the results file' }]);
    return importResults(db, actor, { unitId, content });
  });
}
