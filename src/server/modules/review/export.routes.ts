// Figures and forms out: the review figures of a node (JSON, .xlsx with the list of results) and the form of
// one participant as PDF or .xlsx (Mẫu 2A/2B/2C for a person, Mẫu 01 for a cell). Results of past years in:
// the import template and the upload.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.js';
import { requireActor } from '../../platform/http.js';
import { findUnit } from '../org/tree.js';
import { download, PDF_MIME, XLSX_MIME } from '../../platform/downloads.js';
import { invalid } from '../../platform/errors.js';
import { placeOf } from '../../platform/pdf.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { reviewFormWorkbook, reviewWorkbook } from './excel.js';
import { importResults, importTemplate } from './import.js';
import { resultRows, reviewFigures, ReviewFiguresSchema } from './figures.js';
import { getParticipant, loadParticipant, templateOf } from './participants.js';
import { reviewFormPdf } from './pdf.js';
import { ImportResultSchema } from './responses.js';
import { access, errors, fileAnswer, operation } from '../../platform/openapi.js';

const FiguresQuery = z.strictObject({ unitId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });

export async function reviewExportRoutes(scope: FastifyInstance, { database, config }: Deps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['review'];

  app.get(
    '/api/review/figures',
    {
      schema: {
        ...operation('getReviewFigures', 'The review figures of a node for a year', access.read), tags,
        querystring: FiguresQuery,
        response: { 200: ReviewFiguresSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      reviewFigures(db, requireActor(request), request.query),
  );

  app.get('/api/review/figures.xlsx', {
    schema: {
      ...operation('exportReviewFigures', 'The review figures and the list of results, as a workbook', access.read),
      response: { 200: fileAnswer(XLSX_MIME, 'The figures and results'), ...errors(400, 401, 403, 404) },
      tags,
      querystring: FiguresQuery,
    },
  }, async (request, reply) => {
    const figures = await reviewFigures(db, requireActor(request), request.query);
    const body = await reviewWorkbook(figures, await resultRows(db, request.query));
    return download(reply, `Xếp loại ${figures.year} - ${figures.unit.name}.xlsx`, XLSX_MIME).send(body);
  });

  app.get('/api/review/participants/:id/form.pdf', {
    schema: {
      ...operation('downloadReviewFormPdf', 'The review form of a participant (Mẫu 01, 2A, 2B or 2C), as PDF', access.read),
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
    return download(reply, `Mẫu ${participant.form} - ${who} - ${cycle.year}.pdf`, PDF_MIME).send(pdf);
  });

  app.get('/api/review/participants/:id/form.xlsx', {
    schema: {
      ...operation('downloadReviewFormXlsx', 'The review form of a participant, as a workbook', access.read),
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
    return download(reply, `Mẫu ${participant.form} - ${who} - ${cycle.year}.xlsx`, XLSX_MIME).send(body);
  });

  app.get('/api/review/import/template.xlsx', {
    schema: {
      ...operation('downloadReviewImportTemplate', 'The workbook to fill in with results of past years', access.read),
      response: { 200: fileAnswer(XLSX_MIME, 'The template'), ...errors(401) },
      tags,
    },
  }, async (request, reply) => {
    requireActor(request);
    return download(reply, 'Mẫu nhập kết quả xếp loại.xlsx', XLSX_MIME).send(await importTemplate());
  });

  // Small files (a few thousand rows): checked at once and answered, all or nothing.
  app.post('/api/review/import', {
    schema: {
      ...operation('importReviewResults', 'Upload results of past years (multipart: unitId, file); all or nothing, every bad row reported', access.write),
      response: { 200: ImportResultSchema, ...errors(400, 401, 403, 404, 413, 415) },
      tags,
      consumes: ['multipart/form-data'],
    },
  }, async (request) => {
    const actor = requireActor(request);
    let unitId: string | undefined;
    const file = await receiveUpload(request, {
      dataDir: config.dataDir,
      fileField: 'file',
      accept: ({ fileName }) => /\.xlsx$/i.test(fileName),
      refusal: 'Upload an Excel workbook (.xlsx); save other formats as .xlsx first',
      onField: (name, value) => {
        if (name !== 'unitId') return;
        const parsed = z.uuid().safeParse(value);
        if (!parsed.success) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
        unitId = parsed.data;
      },
    });
    try {
      if (!unitId) throw invalid([{ path: 'unitId', message: 'Choose the unit to import into' }]);
      if (!file) throw invalid([{ path: 'file', message: 'Attach the results file' }]);
      return await importResults(db, actor, { unitId, filePath: file.filePath });
    } finally {
      await removeUpload(file);
    }
  });
}
