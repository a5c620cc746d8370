// Cell meetings over HTTP: the year's plan, a cell's calendar, the missed list, one meeting, its commands (the
// phone's outbox replays them), its materials and the minutes as a PDF. Thin: schemas in, a service call, out.
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MeetingCommand } from '../../../domain/meetings.js';
import { download, PDF_MIME } from '../../platform/downloads.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, binary, errors, fileAnswer, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { addMaterial, applyCommand } from './commands.js';
import { minutesPdf } from './pdf.js';
import { unrecordedMeetings, cellCalendar, checkYear, getMeeting, missedMeetings, planYear, readMaterial } from './service.js';

const Id = z.object({ id: z.uuid() });
const Year = z.coerce.number().int();
const WarningOut = z.object({ code: z.string(), message: z.string() });
const Answer = z
  .object({ commandId: z.string(), meetingId: z.string(), version: z.number(), warnings: z.array(WarningOut), replayed: z.boolean() })
  .meta({ id: 'MeetingCommandAnswer' });
const State = z.enum(['held', 'missed', 'planned', 'cancelled']);
const Item = z.object({
  id: z.string(),
  title: z.string(),
  ownerPersonId: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done', 'dropped']),
  doneOn: z.string().nullable(),
  followUpNote: z.string().nullable(),
  overdue: z.boolean(),
}).meta({ id: 'MeetingActionItem' });
const Sheet = z.object({ scores: z.record(z.string(), z.number()), total: z.number(), band: z.string() });
const MeetingDetail = z.object({
  meeting: z.object({
    id: z.string(),
    cellId: z.string(),
    cell: z.string(),
    kind: z.enum(['regular', 'thematic']),
    slot: z.string().nullable(),
    plannedOn: z.string(),
    startsAt: z.string().nullable(),
    location: z.string().nullable(),
    topic: z.string().nullable(),
    status: z.enum(['planned', 'held', 'cancelled']),
    state: State,
    cancelReason: z.string().nullable(),
    heldOn: z.string().nullable(),
    durationMinutes: z.number().nullable(),
    invitationMessage: z.string().nullable(),
    invitationsSentOn: z.string().nullable(),
    guests: z.array(z.string()),
    minutes: z.object({ chair: z.string().optional(), secretary: z.string().optional(), sections: z.record(z.string(), z.string()).optional() }).nullable(),
    resolutionText: z.string().nullable(),
    resolutionPublishedOn: z.string().nullable(),
    version: z.number(),
  }),
  agenda: z.array(z.object({ title: z.string() })),
  carriedItems: z.array(Item.extend({ fromMeetingOn: z.string() })),
  members: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      invitation: z.object({ sentOn: z.string(), acknowledgedAt: z.string().nullable(), apologyReason: z.string().nullable() }).nullable(),
      attendance: z.object({ status: z.enum(['present', 'excused', 'absent']), reason: z.string().nullable() }).nullable(),
    }),
  ),
  materials: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sentOn: z.string(), late: z.boolean() })),
  /** Party documents attached from the register; `studiedHere`: the cell studied it in this meeting. */
  documentMaterials: z.array(
    z.object({ disseminationId: z.string(), number: z.string(), title: z.string(), deadline: z.string(), studiedOn: z.string().nullable(), sentOn: z.string(), late: z.boolean(), studiedHere: z.boolean() }),
  ),
  actionItems: z.array(Item),
  studies: z.array(
    z.object({ disseminationId: z.string(), number: z.string(), title: z.string(), deadline: z.string(), studiedOn: z.string().nullable(), state: z.enum(['studied', 'studied_late', 'pending', 'overdue']) }),
  ),
  score: z.object({
    criteria: z.array(z.object({ code: z.string(), labelVi: z.string(), labelEn: z.string(), maxPoints: z.number() })),
    bands: z.array(z.object({ code: z.string(), minScore: z.number() })),
    self: Sheet.nullable(),
    review: Sheet.extend({ note: z.string().nullable(), closedOn: z.string().nullable() }).nullable(),
  }),
  rules: z.object({
    materialsDaysBefore: z.number(),
    resolutionDaysAfter: z.number(),
    largeCellMembers: z.number(),
    minMinutesSmall: z.number(),
    minMinutesLarge: z.number(),
    regularPerMonth: z.number(),
    thematicPerQuarter: z.number(),
    remindSecretaryAfterDays: z.number(),
    remindCommuneAfterDays: z.number(),
  }),
  warnings: z.array(WarningOut),
  actions: z.array(z.string()),
}).meta({ id: 'MeetingDetail' });
const MissedCells = z.array(z.object({ cellId: z.string(), cell: z.string() }));
const Calendar = z
  .object({
    cellId: z.string(),
    cellName: z.string(),
    year: z.number(),
    months: z.array(z.object({ month: z.string(), meetings: z.array(z.object({ id: z.string(), kind: z.enum(['regular', 'thematic']), plannedOn: z.string(), heldOn: z.string().nullable(), state: State, band: z.string().nullable() })) })),
    actions: z.array(z.string()),
  })
  .meta({ id: 'MeetingCalendar' });
const Missed = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    year: z.number(),
    months: z.array(z.object({ month: z.string(), cells: z.number(), missed: MissedCells })),
    quarters: z.array(z.object({ quarter: z.string(), cells: z.number(), missed: MissedCells })),
  })
  .meta({ id: 'MissedMeetings' });
const Reminder = z
  .object({ id: z.string(), cellId: z.string(), cell: z.string(), kind: z.enum(['regular', 'thematic']), plannedOn: z.string(), level: z.enum(['secretary', 'commune']), yours: z.boolean() })
  .meta({ id: 'MeetingReminder' });
const Envelope = z.object({ commandId: z.uuid(), clientId: z.uuid(), baseVersion: z.coerce.number().int().min(0) });
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function meetingRoutes(scope: FastifyInstance, { database, config }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['meetings'];

  app.post(
    '/api/meetings/plan',
    {
      schema: {
        ...operation('planCellMeetings', "Generate the year's meetings (12 regular, 4 thematic) for every cell under a unit; idempotent", access.write), tags,
        body: z.strictObject({ unitId: z.uuid(), year: z.number().int() }),
        response: { 200: z.object({ cells: z.number(), created: z.number() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      checkYear(request.body.year);
      return planYear(db, requireActor(request), request.body);
    },
  );

  app.get(
    '/api/meetings/cells/:cellId/calendar',
    {
      schema: {
        ...operation('getCellMeetingCalendar', "A cell's meetings of a year, month by month: planned, held or missed", access.read), tags,
        params: z.object({ cellId: z.uuid() }),
        querystring: z.strictObject({ year: Year }),
        response: { 200: Calendar, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      checkYear(request.query.year);
      return cellCalendar(db, requireActor(request), { cellId: request.params.cellId, year: request.query.year });
    },
  );

  app.get(
    '/api/meetings/missed',
    {
      schema: {
        ...operation('listMissedCellMeetings', 'The cells under a unit that held no regular meeting in a month, or no thematic one in a quarter', access.read), tags,
        querystring: z.strictObject({ unitId: z.uuid(), year: Year }),
        response: { 200: Missed, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      checkYear(request.query.year);
      return missedMeetings(db, requireActor(request), request.query);
    },
  );

  app.get(
    '/api/meetings/reminders',
    {
      schema: {
        ...operation('listUnrecordedCellMeetings', 'Meetings past their day and not recorded: for the secretary after N days, for the commune after M days (rules)', access.read), tags,
        response: { 200: z.array(Reminder), ...errors(401) },
      },
    },
    async (request) => unrecordedMeetings(db, requireActor(request)),
  );

  app.get(
    '/api/meetings/:id',
    { schema: { ...operation('getCellMeeting', 'One meeting: agenda, materials, invitations, attendance, minutes, action items, score', access.read), tags, params: Id, response: { 200: MeetingDetail, ...errors(400, 401, 404) } } },
    async (request) => getMeeting(db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/meetings/:id/commands',
    {
      schema: {
        ...operation('sendCellMeetingCommand', 'Apply one command to a meeting (idempotent by commandId; 409 when someone else changed the same part since baseVersion)', access.write), tags,
        params: Id,
        body: MeetingCommand,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => applyCommand(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/meetings/:id/materials',
    {
      schema: {
        ...operation('addCellMeetingMaterial', 'Attach a PDF or DOCX to a meeting (multipart: file, commandId, clientId, baseVersion); warns when late', access.write), tags,
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const fields: Record<string, string> = {};
      // Any file is stored; its bytes decide whether it is a PDF or a DOCX (addMaterial answers 400 otherwise).
      const stored = await receiveUpload(request, {
        dataDir: config.dataDir,
        fileField: 'file',
        accept: () => true,
        refusal: 'Send a PDF or DOCX file',
        onField: (name, value) => {
          fields[name] = value;
        },
      });
      try {
        const env = Envelope.parse(fields);
        if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
        // The file goes into the database (bytea), bounded by the upload limit.
        const content = await fs.readFile(stored.filePath);
        return await addMaterial(db, actor, request.params.id, env, { fileName: stored.fileName, content });
      } finally {
        await removeUpload(stored);
      }
    },
  );

  app.get(
    '/api/meetings/:id/materials/:materialId',
    {
      schema: {
        ...operation('getCellMeetingMaterial', "A material's file", access.read), tags,
        params: z.object({ id: z.uuid(), materialId: z.uuid() }),
        response: { 200: { description: 'The file (PDF or DOCX)', content: { [PDF_MIME]: { schema: binary }, [DOCX_MIME]: { schema: binary } } }, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const f = await readMaterial(db, requireActor(request), request.params.id, request.params.materialId);
      return download(reply, f.fileName, f.mime).send(f.content);
    },
  );

  app.get(
    '/api/meetings/:id/minutes.pdf',
    {
      schema: {
        ...operation('getCellMeetingMinutesPdf', 'The minutes as a PDF (biên bản họp chi bộ), in Vietnamese or English', access.read), tags,
        params: Id,
        // the reader's language when not asked
        querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional() }),
        response: { 200: fileAnswer(PDF_MIME, 'The minutes (PDF)'), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const detail = await getMeeting(db, requireActor(request), request.params.id);
      const lang = request.query.lang ?? (request.session?.user.locale === 'en' ? 'en' : 'vi');
      const pdf = await minutesPdf(db, detail, lang);
      return download(reply, `bien-ban-${detail.meeting.heldOn ?? detail.meeting.plannedOn}.pdf`, PDF_MIME).send(pdf);
    },
  );
}
