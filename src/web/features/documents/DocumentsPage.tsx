// The register of party documents (search, filters) and, for a cell, what it must study.
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { PageTabs } from '../../components/PageTabs';
import { QueryState } from '../../components/QueryState';
import { useSession } from '../../lib/session';
import type { ListedDocument } from './api';
import { RegisterModal } from './RegisterModal';
import { StudyList } from './StudyList';

const PAGE = 30;

export const useReference = () =>
  useQuery({ queryKey: ['documents-reference'], queryFn: ({ signal }) => call(api.GET('/api/documents/reference', { signal })), staleTime: 10 * 60_000 });

export function DocumentCard({ d }: { d: ListedDocument }) {
  return (
    <Card withBorder padding="sm" component={Link} to={`/documents/${d.id}`} data-testid="document-card">
      <Group gap="xs" wrap="wrap">
        <Badge variant="filled" tt="none" data-testid="document-number">
          {d.number}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatDateVi(d.issuedOn)}
        </Text>
      </Group>
      <Text fw={500} mt={4}>
        {d.title}
      </Text>
    </Card>
  );
}

function Register() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const type = params.get('type');
  const issuer = params.get('issuer');
  const from = params.get('from');
  const to = params.get('to');
  const [registering, setRegistering] = useState(false);
  const reference = useReference();
  const set = (key: string, value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const list = useInfiniteQuery({
    queryKey: ['documents', debounced, type ?? '', issuer ?? '', from ?? '', to ?? ''],
    initialPageParam: 0,
    queryFn: ({ signal, pageParam }) =>
      call(
        api.GET('/api/documents', {
          params: { query: { q: debounced || undefined, type: type ?? undefined, issuer: issuer ?? undefined, from: from ?? undefined, to: to ?? undefined, limit: PAGE, offset: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (last, all) => {
      const seen = all.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
  });
  // The units whose register the reader may add to (the server's policy decides; the button only follows it).
  const registerUnit = reference.data?.registerUnits[0];
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('documents.search')}
          placeholder={t('documents.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
          data-testid="documents-search"
        />
        <Select
          label={t('documents.type')}
          placeholder={t('documents.allTypes')}
          data={(reference.data?.types ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${i18n.language === 'en' ? x.nameEn : x.nameVi}` }))}
          value={type}
          onChange={(v) => set('type', v)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('documents.issuer')}
          placeholder={t('documents.allIssuers')}
          data={(reference.data?.issuers ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${x.name}` }))}
          value={issuer}
          onChange={(v) => set('issuer', v)}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
        <DateField label={t('documents.fromDate')} value={from} onChange={(v) => set('from', v)} clearable w={{ base: '100%', xs: 160 } as never} />
        <DateField label={t('documents.toDate')} value={to} onChange={(v) => set('to', v)} clearable w={{ base: '100%', xs: 160 } as never} />
        {registerUnit && (
          <Button onClick={() => setRegistering(true)} data-testid="document-new">
            {t('documents.new')}
          </Button>
        )}
      </Group>
      <QueryState query={list}>
        {(pages) => {
          const items = pages.pages.flatMap((p) => p.items);
          return items.length === 0 ? (
            <Text c="dimmed">{t('documents.none')}</Text>
          ) : (
            <Stack gap="xs" data-testid="documents-list">
              <Text size="sm" c="dimmed">
                {t('documents.total', { count: pages.pages[0]?.total ?? 0, formatParams: { count: { locale: 'vi-VN' } } })}
              </Text>
              {items.map((d) => (
                <DocumentCard key={d.id} d={d} />
              ))}
              {list.hasNextPage && (
                <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('documents.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryState>
      {registerUnit && <RegisterModal opened={registering} onClose={() => setRegistering(false)} unit={registerUnit} />}
    </Stack>
  );
}

export function DocumentsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  // A cell's secretary and members open on what their cell must study; officers on the register.
  const inCell = me.roles.every((r) => r.role === 'cell_secretary' || r.role === 'member');
  return (
    <Stack>
      <Title order={2}>{t('documents.title')}</Title>
      <PageTabs
        inUrl
        initial={inCell ? 'study' : 'register'}
        tabs={[
          { value: 'study', label: t('documents.toStudy'), testId: 'tab-study', panel: <StudyList /> },
          { value: 'register', label: t('documents.register'), testId: 'tab-register', panel: <Register /> },
        ]}
      />
    </Stack>
  );
}
