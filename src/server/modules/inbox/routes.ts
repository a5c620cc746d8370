// The inbox over HTTP: the account's own notifications and choices. Thin: schemas in, a service call, the answer out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Delivery, NotificationKind, NotificationTopic } from '../../../domain/notifications.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, operation } from '../../platform/openapi.js';
import { acknowledge, choosePreferences, counts, inbox, preferences, readNotifications } from './service.js';

const Counts = z.object({ official: z.number(), activity: z.number(), toAcknowledge: z.number() }).meta({ id: 'InboxCounts' });
const Item = z
  .object({
    id: z.string(),
    kind: NotificationKind,
    topic: z.string(),
    params: z.record(z.string(), z.unknown()),
    link: z.string(),
    count: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    read: z.boolean(),
    acknowledged: z.boolean(),
    mustAcknowledge: z.boolean(),
    ack: z.object({ source: z.string(), id: z.string() }).nullable(),
  })
  .meta({ id: 'InboxItem' });
const Preference = z.object({ topic: NotificationTopic, kind: NotificationKind, delivery: Delivery, canTurnOff: z.boolean() }).meta({ id: 'NotificationPreference' });

export async function inboxRoutes(scope: FastifyInstance, { database, acknowledgers }: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const tags = ['inbox'];

  app.get(
    '/api/inbox',
    {
      schema: {
        ...operation('listInbox', "The reader's notifications: official messages to acknowledge first, then the newest", access.read), tags,
        querystring: z.strictObject({
          kind: NotificationKind.optional(),
          unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          offset: z.coerce.number().int().min(0).max(10_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(Item), counts: Counts }), ...errors(400, 401, 403) },
      },
    },
    async (request) => inbox(db, requireActor(request), request.query),
  );

  app.get('/api/inbox/counts', { schema: { ...operation('inboxCounts', 'Unread notifications of the reader, by kind (the header badge)', access.read), tags, response: { 200: Counts, ...errors(401, 403) } } }, async (request) =>
    counts(db, requireActor(request)),
  );

  app.post(
    '/api/inbox/read',
    {
      schema: {
        ...operation('markInboxRead', 'Mark notifications read: these, or all', access.write), tags,
        body: z.strictObject({ ids: z.array(z.uuid()).max(500).optional(), all: z.boolean().optional() }),
        response: { 200: z.object({ changed: z.number(), counts: Counts }), ...errors(400, 401, 403) },
      },
    },
    async (request) => readNotifications(db, requireActor(request), request.body),
  );

  app.post(
    '/api/inbox/:id/acknowledge',
    {
      schema: {
        ...operation('acknowledgeNotification', 'Acknowledge an official message (a meeting invitation is acknowledged on the meeting too)', access.write), tags,
        params: z.object({ id: z.uuid() }),
        response: { 200: Item, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => acknowledge(db, requireActor(request), request.params.id, acknowledgers),
  );

  app.get('/api/inbox/preferences', { schema: { ...operation('inboxPreferences', 'How each topic reaches the reader', access.read), tags, response: { 200: z.array(Preference), ...errors(401, 403) } } }, async (request) =>
    preferences(db, requireActor(request)),
  );

  app.put(
    '/api/inbox/preferences',
    {
      schema: {
        ...operation('setInboxPreferences', 'Choose how topics reach the reader (official messages cannot be turned off)', access.write), tags,
        body: z.strictObject({ preferences: z.array(z.strictObject({ topic: NotificationTopic, delivery: Delivery })).min(1).max(50) }),
        response: { 200: z.array(Preference), ...errors(400, 401, 403) },
      },
    },
    async (request) => choosePreferences(db, requireActor(request), request.body),
  );
}
