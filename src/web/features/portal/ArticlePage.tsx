// One article: where it belongs (series and place, category, author, source, topics), its text per language
// (right to left for Persian), images, publishing now or at a time, and its revisions.
import { Alert, Anchor, Badge, Button, Card, FileButton, Group, MultiSelect, NumberInput, Select, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call, postForm } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { dirOf, PORTAL_LANGS, termName, useReference, type PortalArticle } from './api';

const nf = new Intl.NumberFormat('vi-VN');
const dt = (iso: string) => new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

export function ArticlePage() {
  const { id = '' } = useParams();
  const article = useQuery({ queryKey: ['portal-article', id], queryFn: ({ signal }) => call(api.GET('/api/portal/articles/{id}', { params: { path: { id } }, signal })) });
  return <QueryState query={article}>{(data) => <Editor key={data.article.version} data={data} />}</QueryState>;
}

function Editor({ data }: { data: PortalArticle }) {
  const { t } = useTranslation();
  const a = data.article;
  const vi = data.translations.find((x) => x.lang === 'vi');
  const canWrite = data.actions.includes('article.write');
  return (
    <Stack>
      <Title order={2}>{vi?.title}</Title>
      <Group gap="xs" wrap="wrap">
        <Badge color={a.state === 'published' ? 'green' : a.state === 'scheduled' ? 'blue' : 'gray'} data-testid="portal-state">
          {t(`portal.state.${a.state}`)}
        </Badge>
        {a.publishAt && <Text size="sm">{t('portal.publishAt', { at: dt(a.publishAt) })}</Text>}
        <Text size="sm" c="dimmed">
          {t('portal.countsShort', { views: nf.format(a.views), opinions: nf.format(a.opinions) })}
        </Text>
        {a.state === 'published' &&
          data.translations.map((x) => (
            <Anchor key={x.lang} href={`/tin/${x.lang}/bai/${a.slug}`} target="_blank" size="sm" data-testid={`portal-public-${x.lang}`}>
              {t('portal.publicPage', { lang: x.lang })}
            </Anchor>
          ))}
      </Group>
      {data.actions.includes('article.publish') && <Publication data={data} />}
      <Meta data={data} disabled={!canWrite} />
      <Tabs defaultValue="vi" keepMounted={false}>
        <Tabs.List>
          {PORTAL_LANGS.map((l) => (
            <Tabs.Tab key={l} value={l} data-testid={`portal-tab-${l}`}>
              {t(`portal.lang.${l}`)} {data.translations.some((x) => x.lang === l) ? '✓' : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PORTAL_LANGS.map((l) => (
          <Tabs.Panel key={l} value={l} pt="sm">
            <Translation data={data} lang={l} disabled={!canWrite} />
          </Tabs.Panel>
        ))}
      </Tabs>
      <Card withBorder>
        <Title order={4}>{t('portal.revisions')}</Title>
        {data.revisions.map((r) => (
          <Text key={r.id} size="sm">
            {dt(r.savedAt)} · {r.lang} · {r.title} · {r.savedBy ?? ''}
          </Text>
        ))}
      </Card>
    </Stack>
  );
}

function Publication({ data }: { data: PortalArticle }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [at, setAt] = useState('');
  // Publishing puts the article before every reader: asked once more, in words, before it is done.
  const [asking, setAsking] = useState<{ body: { publish: boolean; publishAt?: string | null }; message: string } | null>(null);
  const publish = useMutation({
    mutationFn: (body: { publish: boolean; publishAt?: string | null }) => call(api.POST('/api/portal/articles/{id}/publication', { params: { path: { id: data.article.id } }, body: { ...body, version: data.article.version } })),
    onSuccess: () => {
      setAsking(null);
      return client.invalidateQueries({ queryKey: ['portal-article', data.article.id] });
    },
  });
  const confirm = (body: { publish: boolean; publishAt?: string | null }, message: string) => setAsking({ body, message });
  return (
    <Card withBorder>
      <FormModal title={t('portal.confirm.title')} opened={asking !== null} onClose={() => setAsking(null)} onSubmit={() => asking && publish.mutate(asking.body)} loading={publish.isPending} formError={publish.error} submitLabel={t('portal.confirm.yes')} submitTestId="portal-confirm">
        <Text size="sm">{asking?.message}</Text>
      </FormModal>
      <Group align="flex-end" wrap="wrap">
        {data.article.state !== 'published' && (
          <Button onClick={() => confirm({ publish: true }, t('portal.confirm.publish'))} data-testid="portal-publish">
            {t('portal.publish')}
          </Button>
        )}
        <TextInput type="datetime-local" label={t('portal.scheduleAt')} value={at} onChange={(e) => setAt(e.currentTarget.value)} data-testid="portal-schedule-at" />
        <Button variant="default" disabled={!at} onClick={() => confirm({ publish: true, publishAt: new Date(at).toISOString() }, t('portal.confirm.schedule', { at: dt(new Date(at).toISOString()) }))} data-testid="portal-schedule">
          {t('portal.schedule')}
        </Button>
        {data.article.state !== 'draft' && (
          <Button variant="default" color="red" onClick={() => confirm({ publish: false }, t('portal.confirm.unpublish'))} data-testid="portal-unpublish">
            {t('portal.unpublish')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function Meta({ data, disabled }: { data: PortalArticle; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const reference = useReference();
  const a = data.article;
  const form = useForm({ seriesId: a.seriesId, seriesOrder: a.seriesOrder as number | null, categoryId: a.categoryId, authorId: a.authorId, source: a.source, topicIds: a.topicIds });
  const terms = reference.data?.terms ?? [];
  const options = (kind: string) => terms.filter((x) => x.kind === kind).map((x) => ({ value: x.id, label: termName(x, i18n.language) }));
  const save = useMutation({
    mutationFn: () => call(api.PATCH('/api/portal/articles/{id}', { params: { path: { id: a.id } }, body: { ...form.values, version: a.version } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal-article', a.id] }),
    onError: form.showError,
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group grow wrap="wrap" align="flex-start">
          <Select label={t('portal.fields.series')} data={options('series')} clearable disabled={disabled} {...form.choice('seriesId')} data-testid="portal-series" />
          <NumberInput label={t('portal.fields.seriesOrder')} min={1} max={1000} disabled={disabled} value={form.values.seriesOrder ?? ''} onChange={(v) => form.setField('seriesOrder', v === '' || Number.isNaN(Number(v)) ? null : Number(v))} error={form.errors.seriesOrder} data-testid="portal-series-order" />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <Select label={t('portal.fields.category')} data={options('category')} clearable disabled={disabled} {...form.choice('categoryId')} />
          <Select label={t('portal.fields.author')} data={options('author')} clearable disabled={disabled} {...form.choice('authorId')} />
        </Group>
        <MultiSelect label={t('portal.fields.topics')} data={options('topic')} disabled={disabled} value={form.values.topicIds} onChange={(v) => form.setField('topicIds', v)} error={form.errors.topicIds} />
        <TextInput label={t('portal.fields.source')} disabled={disabled} {...form.text('source')} />
        {form.formError ? <ErrorAlert error={form.formError} /> : null}
        {!disabled && (
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="portal-save-meta">
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Translation({ data, lang, disabled }: { data: PortalArticle; lang: string; disabled: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const existing = data.translations.find((x) => x.lang === lang);
  const form = useForm({ title: existing?.title ?? '', summary: existing?.summary ?? '', body: existing?.body ?? '' });
  const [uploadError, setUploadError] = useState<unknown>(null);
  const dir = dirOf(lang);
  const save = useMutation({
    mutationFn: () => call(api.PUT('/api/portal/articles/{id}/translations/{lang}', { params: { path: { id: data.article.id, lang: lang as 'vi' } }, body: { ...form.values, version: data.article.version } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal-article', data.article.id] }),
    onError: form.showError,
  });
  const upload = async (file: File | null) => {
    if (!file) return;
    setUploadError(null);
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await postForm(`/api/portal/articles/${data.article.id}/images` as '/api/portal/articles/{id}/images', body);
      form.setField('body', `${form.values.body}\n\n![${t('portal.caption')}](${r.url})\n`);
    } catch (err) {
      setUploadError(err);
    }
  };
  return (
    <Stack gap="xs" data-testid={`portal-translation-${lang}`}>
      {lang !== 'vi' && !existing && <Alert color="gray">{t('portal.noTranslation')}</Alert>}
      <TextInput label={t('portal.fields.title')} dir={dir} lang={lang} disabled={disabled} {...form.text('title')} data-testid={`portal-title-${lang}`} />
      <TextInput label={t('portal.fields.summary')} dir={dir} lang={lang} disabled={disabled} {...form.text('summary')} />
      <Textarea label={t('portal.fields.body')} description={t('portal.fields.bodyHint')} dir={dir} lang={lang} autosize minRows={8} maxRows={30} disabled={disabled} {...form.text('body')} data-testid={`portal-body-${lang}`} />
      {form.formError ? <ErrorAlert error={form.formError} /> : null}
      {uploadError ? <ErrorAlert error={uploadError} /> : null}
      {!disabled && (
        <Group justify="space-between" wrap="wrap">
          <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg,image/webp,image/gif">
            {(props) => (
              <Button variant="default" {...props}>
                {t('portal.addImage')}
              </Button>
            )}
          </FileButton>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid={`portal-save-${lang}`}>
            {t('portal.saveTranslation')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
