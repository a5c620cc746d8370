// The portal's editing API (signed in: editors and the province board): terms, articles and their translations,
// publishing, images, comment moderation, figures. The public pages are in public.routes.ts.
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ArticleMeta, CreateArticle, Names, PORTAL_RULES, PortalLang, TaxonomyKind, TranslationBody } from '../../../domain/portal.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/http.js';
import type { RouteDeps } from '../../platform/module.js';
import { access, errors, operation } from '../../platform/openapi.js';
import { receiveUpload, removeUpload } from '../../platform/uploads.js';
import { eraseExpiredAddresses, moderateComment, moderationQueue } from './comments.js';
import { portalPublicRoutes } from './public.routes.js';
import { addImage, assertArticleWritable, createArticle, createTerm, deleteArticleTranslation, getArticle, listArticles, portalFigures, referenceData, saveArticleTranslation, setPublication, updateArticle } from './service.js';

const Id = z.object({ id: z.uuid() });
const Version = z.number().int().min(1);
const State = z.enum(['draft', 'scheduled', 'published']);
const Term = z.object({ id: z.string(), kind: TaxonomyKind, slug: z.string(), names: z.record(z.string(), z.string()) }).meta({ id: 'PortalTerm' });
const ArticleListItem = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  langs: z.array(z.string()),
  state: State,
  publishAt: z.string().nullable(),
  seriesId: z.string().nullable(),
  seriesOrder: z.number().nullable(),
  views: z.number(),
  opinions: z.number(),
  comments: z.number(),
  pendingComments: z.number(),
  updatedAt: z.string(),
});
const ArticleDetail = z
  .object({
    article: z.object({
      id: z.string(),
      slug: z.string(),
      unitId: z.string(),
      seriesId: z.string().nullable(),
      seriesOrder: z.number().nullable(),
      categoryId: z.string().nullable(),
      authorId: z.string().nullable(),
      source: z.string(),
      topicIds: z.array(z.string()),
      state: State,
      publishAt: z.string().nullable(),
      views: z.number(),
      opinions: z.number(),
      version: z.number(),
    }),
    translations: z.array(z.object({ lang: z.string(), dir: z.enum(['ltr', 'rtl']), title: z.string(), summary: z.string(), body: z.string(), updatedAt: z.string() })),
    revisions: z.array(z.object({ id: z.string(), lang: z.string(), title: z.string(), savedBy: z.string().nullable(), savedAt: z.string() })),
    actions: z.array(z.enum(['article.write', 'article.publish'])),
  })
  .meta({ id: 'PortalArticle' });
const Comment = z.object({ id: z.string(), articleId: z.string(), article: z.string(), lang: z.string(), authorName: z.string(), body: z.string(), status: z.enum(['pending', 'approved', 'rejected']), createdAt: z.string() });
const IMAGE = /^image\/(jpeg|png|webp|gif)$/;
const IMAGE_NAME = /\.(jpe?g|png|webp|gif)$/i;
const MAGIC: [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

export async function portalRoutes(scope: FastifyInstance, deps: RouteDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const tags = ['portal'];

  app.get('/api/portal/reference', { schema: { ...operation('portalReference', 'Series, topics, categories and authors the editor may use; the units they write for', access.read), tags, response: { 200: z.object({ units: z.array(z.object({ id: z.string(), name: z.string() })), terms: z.array(Term) }), ...errors(401) } } }, async (request) =>
    referenceData(db, requireActor(request)),
  );

  app.post(
    '/api/portal/terms',
    {
      schema: {
        ...operation('createPortalTerm', 'Add a series, topic, category or author (names per language)', access.write), tags,
        body: z.strictObject({ kind: TaxonomyKind, unitId: z.uuid(), names: Names, slug: z.string().max(80).optional() }),
        response: { 201: Term, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createTerm(db, requireActor(request), request.body)),
  );

  app.get(
    '/api/portal/articles',
    {
      schema: {
        ...operation('listPortalArticles', "The articles of the editor's branch with their state, languages and figures", access.read), tags,
        querystring: z.strictObject({ q: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(30), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
        response: { 200: z.object({ items: z.array(ArticleListItem), total: z.number() }), ...errors(400, 401) },
      },
    },
    async (request) => listArticles(db, requireActor(request), request.query),
  );

  app.get('/api/portal/figures', { schema: { ...operation('portalFigures', "Articles by state, reads, comments and opinions in the editor's branch", access.read), tags, response: { 200: z.object({ published: z.number(), scheduled: z.number(), drafts: z.number(), views: z.number(), opinions: z.number(), comments: z.number() }), ...errors(401) } } }, async (request) =>
    portalFigures(db, requireActor(request)),
  );

  app.post(
    '/api/portal/articles',
    { schema: { ...operation('createPortalArticle', 'Write a new article (a draft) with its Vietnamese original', access.write), tags, body: CreateArticle, response: { 201: z.object({ id: z.string(), slug: z.string() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await createArticle(db, requireActor(request), request.body)),
  );

  app.get('/api/portal/articles/:id', { schema: { ...operation('getPortalArticle', 'An article with its translations, revisions and what the reader may do', access.read), tags, params: Id, response: { 200: ArticleDetail, ...errors(400, 401, 404) } } }, async (request) =>
    getArticle(db, requireActor(request), request.params.id),
  );

  app.patch(
    '/api/portal/articles/:id',
    { schema: { ...operation('updatePortalArticle', 'Change series and place, category, author, source, topics', access.write), tags, params: Id, body: ArticleMeta.extend({ version: Version }), response: { 200: z.object({ version: z.number() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => updateArticle(db, requireActor(request), request.params.id, request.body),
  );

  app.put(
    '/api/portal/articles/:id/translations/:lang',
    {
      schema: {
        ...operation('savePortalTranslation', 'Save the text in one language (a new revision)', access.write), tags,
        params: z.object({ id: z.uuid(), lang: PortalLang }),
        body: TranslationBody.extend({ version: Version }),
        response: { 200: z.object({ version: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveArticleTranslation(db, requireActor(request), request.params.id, { ...request.body, lang: request.params.lang }),
  );

  app.delete(
    '/api/portal/articles/:id/translations/:lang',
    {
      schema: {
        ...operation('deletePortalTranslation', 'Remove a translation (never the original)', access.write), tags,
        params: z.object({ id: z.uuid(), lang: PortalLang }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1) }),
        response: { 200: z.object({ version: z.number() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => deleteArticleTranslation(db, requireActor(request), request.params.id, { lang: request.params.lang, version: request.query.version }),
  );

  app.post(
    '/api/portal/articles/:id/publication',
    {
      schema: {
        ...operation('setPortalPublication', 'Publish now, schedule for a time, or take back to draft', access.write), tags,
        params: Id,
        body: z.strictObject({ publish: z.boolean(), publishAt: z.iso.datetime({ offset: true }).nullish(), version: Version }),
        response: { 200: z.object({ version: z.number(), state: State }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => setPublication(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/portal/articles/:id/images',
    {
      schema: {
        ...operation('addPortalImage', 'Upload an image (multipart: file; JPEG, PNG, WebP or GIF); answers its address for the text', access.write), tags,
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string(), url: z.string() }), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const stored = await receiveUpload(request, {
        dataDir: deps.config.dataDir,
        fileField: 'file',
        accept: ({ mimetype, fileName }) => IMAGE.test(mimetype) || IMAGE_NAME.test(fileName),
        refusal: 'Send a JPEG, PNG, WebP or GIF image',
        // Nothing of a file is kept for an article the sender may not write.
        beforeFile: () => assertArticleWritable(db, actor, request.params.id),
      });
      if (!stored) throw invalid([{ path: 'file', code: 'required', message: 'Choose a file' }]);
      try {
        const content = await fs.readFile(stored.filePath);
        if (content.length > PORTAL_RULES.image.maxBytes) throw invalid([{ path: 'file', code: 'portal_image_too_large', message: 'The image is larger than 5 MB' }]);
        // The type is what the bytes say, not what the sender claimed.
        const mime = MAGIC.find(([, is]) => is(content))?.[0];
        if (!mime) throw invalid([{ path: 'file', code: 'portal_image_unreadable', message: 'This is not a JPEG, PNG, WebP or GIF image' }]);
        return reply.status(201).send(await addImage(db, actor, request.params.id, { mime, content }));
      } finally {
        await removeUpload(stored);
      }
    },
  );

  app.get(
    '/api/portal/comments',
    {
      schema: {
        ...operation('portalModerationQueue', "Readers' comments of the editor's branch by state (pending: the moderation queue)", access.read), tags,
        querystring: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending'), limit: z.coerce.number().int().min(1).max(100).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
        response: { 200: z.object({ items: z.array(Comment), total: z.number() }), ...errors(400, 401) },
      },
    },
    async (request) => moderationQueue(db, requireActor(request), request.query),
  );

  app.post(
    '/api/portal/comments/:id/moderation',
    { schema: { ...operation('moderatePortalComment', 'Approve or reject a pending comment (its sender address is erased)', access.write), tags, params: Id, body: z.strictObject({ decision: z.enum(['approve', 'reject']) }), response: { 200: z.object({ id: z.string(), status: z.string() }), ...errors(400, 401, 403, 404, 409) } } },
    async (request) => moderateComment(db, requireActor(request), request.params.id, request.body),
  );

  // Addresses older than the moderation window are erased hourly (and once at start).
  const erase = () => eraseExpiredAddresses(db).catch((err) => scope.log.warn({ err }, 'could not erase old comment addresses'));
  let timer: NodeJS.Timeout | undefined;
  scope.addHook('onReady', async () => {
    void erase();
    timer = setInterval(erase, 3_600_000);
    timer.unref();
  });
  scope.addHook('onClose', async () => clearInterval(timer));

  await scope.register(async (pages) => portalPublicRoutes(pages, deps));
}
