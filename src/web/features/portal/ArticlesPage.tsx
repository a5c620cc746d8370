// The editor's list: figures of the branch, the articles with their state, languages and figures; new article;
// new series, topic, category or author.
import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useReference } from './api';

const nf = new Intl.NumberFormat('vi-VN');

export function ArticlesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [addingTerm, setAddingTerm] = useState(false);
  const figures = useQuery({ queryKey: ['portal-figures'], queryFn: ({ signal }) => call(api.GET('/api/portal/figures', { signal })) });
  const list = useQuery({ queryKey: ['portal-articles', q], queryFn: ({ signal }) => call(api.GET('/api/portal/articles', { params: { query: { q: q || undefined, limit: 100 } }, signal })) });
  // On a 360 px phone a long label wraps inside its button instead of being cut off.
  const wrapping = { root: { height: 'auto', minHeight: 36, paddingBlock: 6 }, label: { whiteSpace: 'normal' as const } };
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('portal.title')}</Title>
        <Group gap="xs" wrap="wrap">
          <Button component={Link} to="/portal/moderation" variant="default" styles={wrapping} data-testid="portal-moderation-link">
            {t('portal.moderation.title')}
          </Button>
          <Button variant="default" onClick={() => setAddingTerm(true)} styles={wrapping} data-testid="portal-new-term">
            {t('portal.terms.new')}
          </Button>
          <Button onClick={() => setCreating(true)} styles={wrapping} data-testid="portal-new-article">
            {t('portal.new')}
          </Button>
        </Group>
      </Group>
      <QueryState query={figures}>
        {(f) => (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
            {(['published', 'scheduled', 'drafts', 'views', 'comments', 'opinions'] as const).map((k) => (
              <Card key={k} withBorder padding="xs">
                <Text size="xs" c="dimmed">
                  {t(`portal.figures.${k}`)}
                </Text>
                <Text fw={700} data-testid={`portal-figure-${k}`}>
                  {nf.format(f[k])}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
      <TextInput label={t('portal.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('portal.none')}</Text>
          ) : (
            <Stack gap="xs">
              {data.items.map((a) => (
                <Card key={a.id} withBorder padding="sm" data-testid="portal-article-card">
                  <Anchor component={Link} to={`/portal/${a.id}`} fw={500}>
                    {a.title}
                  </Anchor>
                  <Group gap="xs" mt={4} wrap="wrap">
                    <Badge color={a.state === 'published' ? 'green' : a.state === 'scheduled' ? 'blue' : 'gray'}>{t(`portal.state.${a.state}`)}</Badge>
                    {a.langs.map((l) => (
                      <Badge key={l} variant="outline">
                        {l}
                      </Badge>
                    ))}
                    <Text size="sm" c="dimmed">
                      {t('portal.counts', { views: nf.format(a.views), comments: nf.format(a.comments), pending: nf.format(a.pendingComments), opinions: nf.format(a.opinions) })}
                    </Text>
                  </Group>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <NewArticle opened={creating} onClose={() => setCreating(false)} />
      <NewTerm opened={addingTerm} onClose={() => setAddingTerm(false)} />
    </Stack>
  );
}

function NewArticle({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reference = useReference();
  const form = useForm({ unitId: null as string | null, title: '', summary: '', body: '' });
  const unitId = form.values.unitId ?? reference.data?.units[0]?.id ?? null;
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/portal/articles', { body: { unitId: unitId ?? '', title: form.values.title, summary: form.values.summary, body: form.values.body } })),
    onSuccess: (r) => navigate(`/portal/${r.id}`),
    onError: form.showError,
  });
  return (
    <FormModal title={t('portal.new')} opened={opened} onClose={onClose} onSubmit={() => create.mutate()} loading={create.isPending} formError={form.formError} size="lg">
      <Select label={t('portal.unit')} data={(reference.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={(v) => form.setField('unitId', v)} error={form.errors.unitId} />
      <TextInput label={t('portal.fields.title')} required {...form.text('title')} data-testid="portal-new-title" />
      <TextInput label={t('portal.fields.summary')} {...form.text('summary')} />
      <Textarea label={t('portal.fields.body')} description={t('portal.fields.bodyHint')} autosize minRows={4} {...form.text('body')} data-testid="portal-new-body" />
    </FormModal>
  );
}

function NewTerm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const reference = useReference();
  const form = useForm({ kind: 'series' as string | null, unitId: null as string | null, vi: '', en: '', fa: '' });
  const unitId = form.values.unitId ?? reference.data?.units[0]?.id ?? null;
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/portal/terms', {
          body: { kind: (form.values.kind ?? 'series') as 'series', unitId: unitId ?? '', names: { vi: form.values.vi, en: form.values.en || undefined, fa: form.values.fa || undefined } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['portal-reference'] });
      form.reset();
      onClose();
    },
    onError: form.showError,
  });
  return (
    <FormModal title={t('portal.terms.new')} opened={opened} onClose={onClose} onSubmit={() => create.mutate()} loading={create.isPending} formError={form.formError}>
      <Select label={t('portal.terms.kind')} data={(['series', 'topic', 'category', 'author'] as const).map((k) => ({ value: k, label: t(`portal.terms.${k}`) }))} {...form.choice('kind')} data-testid="portal-term-kind" />
      <Select label={t('portal.unit')} data={(reference.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={(v) => form.setField('unitId', v)} />
      <TextInput label={t('portal.terms.nameVi')} required {...form.text('vi')} error={form.errors.names ?? form.errors.vi} data-testid="portal-term-vi" />
      <TextInput label={t('portal.terms.nameEn')} {...form.text('en')} />
      <TextInput label={t('portal.terms.nameFa')} dir="rtl" lang="fa" {...form.text('fa')} data-testid="portal-term-fa" />
    </FormModal>
  );
}
