// Builds the Fastify app from the platform and the modules. Tests build it too, against their own database.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { walPosition } from './platform/db/index.js';
import { LSN_COOKIE } from './platform/db/replicas.js';
import { AppError } from './platform/errors.js';
import { SnapshotRateStore } from './platform/rate-limit.js';
import { createAppCache } from './platform/cache/index.js';
import { logRedactPaths, serializeError } from './platform/logging.js';
import { clientErrorHandler, errorHandler, notFoundHandler, refuseUnstorableText, UNSAFE_METHODS } from './platform/http.js';
import { openApiInfo, reachableComponentsOnly, sharedErrorAnswers } from './platform/openapi.js';
import { csrfMatches, resolveSession, SESSION_COOKIE } from './modules/users/sessions.js';
import { modules as registry } from './modules/index.js';
import type { ChiboModule, Deps } from './platform/module.js';
import { registerConstraints } from './platform/db-errors.js';
import { publicPageOf } from '../domain/public-pages.js';

/** Routes anyone may call: a route says so with `config: { public: true }`; the API docs are public too. */
const isPublic = (request: FastifyRequest) =>
  (request.routeOptions.config as { public?: boolean } | undefined)?.public === true ||
  request.url.startsWith('/api/docs') ||
  request.url === '/api/openapi.json' ||
  request.routeOptions.url === undefined; // no such route: the 404 handler answers

/** One log line per request, when it ends, with the request in it, rather than Fastify's two: half the log work. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

interface RouteOwner {
  module: ChiboModule['name'];
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /api/path/:param` → the module that registered the route, and whether the route is public. */
    routeOwners: Map<string, RouteOwner>;
  }
}

/** Where index.html (src/web/index.html) takes each response's style nonce. */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';
const builtWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Standard output written asynchronously: two lines a request written synchronously cost ~5% of the
            // server's CPU under load (a system call each on this VM). Lines written while one write is under way
            // go out together in the next; pino flushes what is left when the process exits.
            stream: deps.logStream ?? pino.destination({ dest: 1, sync: false }),
            // Never log secrets or personal data, whatever a route puts in its log lines (platform/logging.ts).
            redact: logRedactPaths,
            // Query strings carry searches (a name, a CCCD): the log keeps the path only. An error keeps its SQLSTATE
            // and constraint, never the statement's parameters.
            serializers: {
              err: serializeError,
              req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
            },
          },
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // What the framework answers itself (a route parameter past its length, a request the HTTP parser refuses)
    // comes in the one error shape too.
    frameworkErrors: errorHandler as unknown as FastifyServerOptions['frameworkErrors'],
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', refuseUnstorableText);

  // HSTS and upgrade-insecure-requests only when chibo is served over HTTPS (CHIBO_SECURE_COOKIES): on plain HTTP
  // they would send browsers to an HTTPS that is not there.
  const https = config.session.secureCookies;
  // Styles: a <style> element needs this response's nonce (helmet adds `'nonce-…'` to style-src and script-src); the
  // web app's index.html carries it for Mantine, which puts it on the <style> elements it injects (getStyleNonce).
  // Style *attributes* stay allowed (style-src-attr): Mantine's style props and the charts set them, and an attribute
  // can restyle but not load or run anything.
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // Commune officers work over slow mobile links: the web app's files and the JSON answers travel compressed.
  // Brotli at quality 4: most of the gain of 11 at a fraction of the CPU, per request on 2 cores.
  // JSON answers up to 64 KiB are compressed in one call rather than through a zlib stream: for the 11 KiB list
  // of a 25-member cell the stream costs ~1.1 ms of CPU against ~0.26 ms in one call (same 2.1 KiB out), and on
  // 2 cores there is no idle core for the stream's thread pool to use. The plugin's default on 2 cores is 8 KiB.
  await app.register(compress, {
    threshold: 1024,
    syncThreshold: 64 * 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, store: SnapshotRateStore });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: openApiInfo(SESSION_COOKIE),
    transform: jsonSchemaTransform,
    // Schemas registered with an id (`.meta({ id })`) become components: the web's generated types name them; each
    // error answer is written once, in components.responses, and referred to by the operations.
    transformObject: (document) => sharedErrorAnswers(reachableComponentsOnly(jsonSchemaTransformObject(document))),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Sessions and read answers cached in process, dropped by the change feed (platform/cache/README.md). Answers read
  // from a replica are not cached: the feed speaks for the primary, and a replica may not have replayed that far.
  const cache = config.cache ? createAppCache(deps.database.url, app.log, { responses: !deps.database.replicated }) : null;
  app.decorate('cache', cache);
  if (cache) {
    await cache.feed.start();
    app.addHook('onClose', async () => cache.feed.close());
    // A write answers only once its own notifications have reached this process's caches: the browser's next
    // read cannot meet an answer the write outdated.
    app.addHook('onSend', async (request, reply, payload) => {
      if (UNSAFE_METHODS.has(request.method) && reply.statusCode < 400) await cache.feed.sync();
      return payload;
    });
  }

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(deps.database.db, token, config.session, cache?.sessions) : null;
    // Not signed in is answered before anything else, input validation included: 401, never a field list.
    if (!request.session && !isPublic(request)) throw new AppError('unauthenticated', 'Please sign in');
    if (request.url.startsWith('/api/auth/login')) return;
    // Cookies are SameSite=Lax; a write must also prove it came from our page by echoing the session's token.
    if (request.session && UNSAFE_METHODS.has(request.method) && !csrfMatches(request.session.csrfToken, request.headers['x-csrf-token'] as string | undefined)) {
      throw new AppError('csrf', 'The request is missing its security token; reload the page');
    }
    // A user who must enrol in two-factor sign-in and has not: the session reaches the enrolment routes only
    // (a route says so with `config: { enrolment: true }`; users/twofactor.ts).
    if (request.session?.limited && (request.routeOptions.config as { enrolment?: boolean } | undefined)?.enrolment !== true && !isPublic(request)) {
      throw new AppError('two_factor_enrolment', 'Set up two-factor sign-in first');
    }
  });

  // Read-your-writes with replicas: a successful write tells the browser how far the primary's WAL had got, so for
  // a few seconds its stale-tolerant reads go only to a replica that has replayed that far (platform/db/replicas.ts).
  if (deps.database.replicated) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (!UNSAFE_METHODS.has(request.method) || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
      try {
        const lsn = await walPosition(deps.database.db);
        reply.setCookie(LSN_COOKIE, lsn, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.session.secureCookies, maxAge: 10 });
      } catch (err) {
        request.log.warn({ err }, 'could not read the WAL position; the next reads may not show this write for a moment');
      }
      return payload;
    });
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Each module on its own scope; what the registry gathers from every module is handed to each.
  const modules = deps.modules ?? registry;
  const routeDeps = {
    ...deps,
    figureProviders: modules.flatMap((m) => m.figures ?? []),
    signalProviders: modules.flatMap((m) => m.signals ?? []),
    taskProviders: modules.flatMap((m) => m.tasks ?? []),
    acknowledgers: Object.assign({}, ...modules.map((m) => m.acknowledgers ?? {})),
    auditLabellers: Object.assign({}, ...modules.map((m) => m.auditLabels ?? {})),
    reminderSweeps: modules.flatMap((m) => (m.reminders ?? []).map((sweep) => ({ module: m.name, sweep }))),
  };
  // Each module's database guarantees, as the error handler words their violation (platform/db-errors.ts).
  for (const m of modules) if (m.constraints) registerConstraints(m.constraints);
  app.decorate('routeOwners', new Map<string, RouteOwner>());
  for (const m of modules) {
    await app.register(async (scope) => {
      // Which module declared which route: the access suite checks each module walks all of its own.
      scope.addHook('onRoute', (route) => {
        const isPublicRoute = (route.config as { public?: boolean } | undefined)?.public === true;
        for (const method of [route.method].flat()) app.routeOwners.set(`${method} ${route.url}`, { module: m.name, public: isPublicRoute });
      });
      await m.routes(scope, routeDeps);
    });
  }

  const webRoot = deps.webRoot ?? builtWebRoot;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  // The built files are listed once at start (wildcard: false): rebuild the web app, restart the server.
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  // index.html is the one page with this response's style nonce in it (CSP above), so it is never served as a file:
  // read once, the nonce written in per response, never cached. The public pages (the report channel, a consultation,
  // the contest's results, the certificate checks: src/domain/public-pages.ts) get public.html, their own lighter
  // entry without the app's libraries (issue 14); it carries no nonce (no <style> elements) and is sent the same way.
  const readPage = (name: string) => (hasWeb && fs.existsSync(path.join(webRoot, name)) ? fs.readFileSync(path.join(webRoot, name), 'utf8') : '');
  const indexHtml = readPage('index.html');
  const publicHtml = readPage('public.html') || indexHtml;
  const sendPage = (html: string, reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html.replaceAll(CSP_NONCE_PLACEHOLDER, (reply as FastifyReply & { cspNonce: { style: string } }).cspNonce.style));
  if (hasWeb) app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(indexHtml, reply));
  // The web app routes on the client: any other non-API GET gets index.html, or public.html for a public page.
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const pathname = request.url.split('?')[0] ?? '/';
      return sendPage(publicPageOf(pathname) ? publicHtml : indexHtml, reply);
    }
    return notFoundHandler(request, reply);
  });
  return app;
}
