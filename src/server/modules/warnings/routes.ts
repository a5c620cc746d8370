// Early warnings over HTTP: the list for a date, the signals' settings, and the work on a warning. Thin: schemas in,
// a service call, the answer out. A warning is addressed by its subject: /api/warnings/cell/<id> or /person/<id>.
import type { FastifyInstance } from 'fastify';
import { SIGNAL_UNITS } from '../../platform/signals.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayIso } from '../../../domain/dates.js';
import { IsoDate } from '../../../domain/person.js';
import { CloseBody, FollowUpBody, NoteBody, warningIssue, WarningSettingsBody, WarningSubjectKind } from '../../../domain/warnings.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, operation } from '../../platform/openapi.js';
import { listWarnings } from './list.js';
import { readSettings, updateSettings } from './settings.js';
import { repeatWhileRunning } from '../../platform/periodic.js';
import { WARM_EVERY_MS, warmWatched } from './warm.js';
import { acknowledgeWarning, assignFollowUp, closeWarning, listFollowUpAssignees, noteWarning } from './work.js';

const Param = z.union([z.string(), z.number(), z.boolean()]);
const Evidence = z.object({ id: z.string(), ref: z.string(), on: z.string(), href: z.string().optional() });
const Signal = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  since: z.string(),
  part: z.string().nullable(),
  evidence: z.array(Evidence),
  params: z.record(z.string(), Param),
});
const Ref = z.object({ id: z.string(), name: z.string() });
const Warning = z
  .object({
    key: z.string(),
    kind: z.enum(['cell', 'person']),
    cell: Ref,
    commune: Ref,
    person: Ref.nullable(),
    since: z.string(),
    escalated: z.boolean(),
    signals: z.array(Signal),
    change: z.enum(['new', 'rising', 'steady']),
    status: z.enum(['open', 'acknowledged', 'closed']),
    reopened: z.boolean(),
    acknowledgedOn: z.string().nullable(),
    followUp: z.object({ userId: z.string(), name: z.string(), by: z.string() }).nullable(),
    closedOn: z.string().nullable(),
    closeReason: z.string().nullable(),
    notes: z.array(z.object({ seq: z.number(), on: z.string(), byName: z.string(), body: z.string() })),
    actions: z.array(z.enum(['warning.work'])),
  })
  .meta({ id: 'EarlyWarning' });
const WarningList = z.object({
  date: z.string(),
  since: z.string(),
  items: z.array(Warning),
  cleared: z.array(z.object({ key: z.string(), kind: z.enum(['cell', 'person']), cell: Ref })),
  communes: z.array(
    z.object({ id: z.string(), name: z.string(), cells: z.number(), flaggedCells: z.number(), signals: z.number(), sharePercent: z.number(), threshold: z.number(), flagged: z.boolean() }),
  ),
});
const Settings = z
  .object({
    signals: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        threshold: z.number(),
        windowDays: z.number(),
        enabled: z.boolean(),
        defaults: z.object({ threshold: z.number(), windowDays: z.number(), enabled: z.boolean() }),
        /** False for a signal that is a state on the day: its window is kept valid but not read (the screen hides it). */
        /** What the threshold counts: the screen names it ("Ngưỡng (ngày)"). */
        unit: z.enum(SIGNAL_UNITS),
        windowUsed: z.boolean(),
        bounds: z.object({ threshold: z.array(z.number()), windowDays: z.array(z.number()) }),
      }),
    ),
    communeShare: z.number(),
    editable: z.boolean(),
  })
  .meta({ id: 'WarningSettings' });
const Subject = z.object({ kind: WarningSubjectKind, id: z.uuid() });
const Done = z.object({ key: z.string(), status: z.string() });
const NoteDone = z.object({ key: z.string(), seq: z.number() });

export async function warningRoutes(scope: FastifyInstance, { database, signalProviders }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['warnings'];
  // The officers' lists kept ready after writes (warm.ts); one pass at a time.
  let warming = false;
  repeatWhileRunning(
    scope,
    async () => {
      if (warming) return;
      warming = true;
      // A failed query's error may carry a name in its parameters: only that it failed is logged.
      await warmWatched(db, signalProviders).catch(() => scope.log.error('warnings: keeping the lists ready failed'));
      warming = false;
    },
    WARM_EVERY_MS,
    WARM_EVERY_MS,
  );

  app.get(
    '/api/warnings',
    {
      schema: {
        ...operation('listWarnings', 'The early warnings of the reader’s branches on a date (today by default), with what changed since a week before', access.read), tags,
        querystring: z.strictObject({ date: IsoDate.optional() }),
        response: { 200: WarningList, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const today = todayIso();
      const date = request.query.date ?? today;
      if (date > today) throw invalid([warningIssue('date_in_future', 'date')]);
      return listWarnings(db, requireActor(request), signalProviders, { date }, { watch: true });
    },
  );

  app.get(
    '/api/warnings/settings',
    { schema: { ...operation('getWarningSettings', 'The signals of the province: threshold, window, on or off, and the commune share', access.read), tags, response: { 200: Settings, ...errors(401, 404) } } },
    async (request) => readSettings(db, requireActor(request), signalProviders),
  );

  app.put(
    '/api/warnings/settings',
    {
      schema: {
        ...operation('updateWarningSettings', 'Set the province’s signals (all or nothing)', access.write), tags,
        body: WarningSettingsBody,
        response: { 200: Settings, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateSettings(db, requireActor(request), request.body, signalProviders),
  );

  app.post(
    '/api/warnings/:kind/:id/acknowledge',
    { schema: { ...operation('acknowledgeWarning', 'Acknowledge a warning', access.write), tags, params: Subject, response: { 200: Done, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => acknowledgeWarning(db, requireActor(request), signalProviders, request.params),
  );

  app.post(
    '/api/warnings/:kind/:id/notes',
    { schema: { ...operation('noteWarning', 'Add a note to a warning', access.write), tags, params: Subject, body: NoteBody, response: { 201: NoteDone, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await noteWarning(db, requireActor(request), signalProviders, request.params, request.body)),
  );

  app.get(
    '/api/warnings/:kind/:id/assignees',
    {
      schema: {
        ...operation('listWarningAssignees', 'Who a warning’s follow-up may be given to: the officers of its branch who may work it', access.read), tags,
        params: Subject,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => listFollowUpAssignees(db, requireActor(request), signalProviders, request.params),
  );

  app.post(
    '/api/warnings/:kind/:id/follow-up',
    {
      schema: {
        ...operation('assignWarningFollowUp', 'Give a warning a follow-up: who, and by which day', access.write), tags,
        params: Subject,
        body: FollowUpBody,
        response: { 200: Done, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => assignFollowUp(db, requireActor(request), signalProviders, request.params, request.body),
  );

  app.post(
    '/api/warnings/:kind/:id/close',
    { schema: { ...operation('closeWarning', 'Close a warning with a reason', access.write), tags, params: Subject, body: CloseBody, response: { 200: Done, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => closeWarning(db, requireActor(request), signalProviders, request.params, request.body),
  );
}
