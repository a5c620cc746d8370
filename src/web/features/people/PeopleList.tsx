import { Anchor, Badge, Button, Center, Group, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, type Query } from '../../api/client';
import type { Person } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/format';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { unitWithParent } from '../../components/unitName';

export interface PeopleFilter {
  unitId?: string | null;
  q?: string;
  status?: Query<'/api/people'>['status'] | null;
  date?: string | null;
}

/** GET /api/people with cursor paging, in the server's (Vietnamese name) order. */
export function usePeople(filter: PeopleFilter, limit = 50) {
  return useInfiniteQuery({
    queryKey: ['people', filter.unitId ?? '', filter.q ?? '', filter.status ?? '', filter.date ?? '', limit],
    queryFn: ({ pageParam, signal }) =>
      call(
        api.GET('/api/people', {
          params: {
            query: {
              unitId: filter.unitId ?? undefined,
              q: filter.q,
              status: filter.status ?? undefined,
              date: filter.date ?? undefined,
              limit,
              cursor: pageParam ?? undefined,
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function RoleBadges({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {person.positions.map((p) => (
        <Badge key={p} size="sm" variant="light" color="red">
          {enumLabel(t, 'position', p)}
        </Badge>
      ))}
      {person.posts.map((p) => (
        <Badge key={p} size="sm" variant="light" color="blue">
          {enumLabel(t, 'post', p)}
        </Badge>
      ))}
      {person.status !== 'active' && (
        <Badge size="sm" variant="outline" color="gray">
          {enumLabel(t, 'status', person.status)}
        </Badge>
      )}
    </Group>
  );
}

/** A table from 768 px up, cards below (ResponsiveTable): the name, a link to the person, is always in reach. */
export function PeopleList({ filter, showUnit = true, limit }: { filter: PeopleFilter; showUnit?: boolean; limit?: number }) {
  const { t } = useTranslation();
  const query = usePeople(filter, limit);
  if (query.error) return <ErrorAlert error={query.error} />;
  const people = query.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: t('person.fullName'),
      primary: true,
      cell: (p) => (
        <Anchor component={Link} to={`/people/${p.id}`} fw={600}>
          {p.fullName}
        </Anchor>
      ),
    },
    { key: 'birth', header: t('person.birthDate'), cell: (p) => formatDate(p.birthDate) },
    { key: 'sex', header: t('person.sex'), cell: (p) => enumLabel(t, 'sex', p.sex) },
    ...(showUnit ? [{ key: 'unit', header: t('person.unit'), cell: (p: Person) => (p.unit ? unitWithParent(p.unit) : '') }] : []),
    { key: 'roles', header: t('person.roles'), bare: true, cell: (p) => <RoleBadges person={p} /> },
  ];

  return (
    <Stack gap="xs">
      {query.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : people.length === 0 ? (
        <Text c="dimmed" data-testid="people-empty">
          {t('people.none')}
        </Text>
      ) : (
        <ResponsiveTable rows={people} rowKey={(p) => p.id} columns={columns} rowTestId={() => 'people-row'} testId="people-list" />
      )}
      {query.hasNextPage && (
        <Center>
          <Button variant="light" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="people-more">
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
