import { Anchor, Badge, Button, Center, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, type Query } from '../../api/client';
import type { Person } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/format';
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

/** Wide screens get a table, narrow ones (< 600 px) get cards. */
export function PeopleList({ filter, showUnit = true, limit }: { filter: PeopleFilter; showUnit?: boolean; limit?: number }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 600px)', true);
  const query = usePeople(filter, limit);
  if (query.error) return <ErrorAlert error={query.error} />;
  const people = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="xs">
      {query.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : people.length === 0 ? (
        <Text c="dimmed" data-testid="people-empty">
          {t('people.none')}
        </Text>
      ) : wide ? (
        <ScrollArea type="auto">
          <Table striped highlightOnHover miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('person.fullName')}</Table.Th>
                <Table.Th>{t('person.birthDate')}</Table.Th>
                <Table.Th>{t('person.sex')}</Table.Th>
                {showUnit && <Table.Th>{t('person.unit')}</Table.Th>}
                <Table.Th>{t('person.roles')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.id} data-testid="people-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${p.id}`} fw={500}>
                      {p.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(p.birthDate)}</Table.Td>
                  <Table.Td>{enumLabel(t, 'sex', p.sex)}</Table.Td>
                  {showUnit && <Table.Td>{p.unit ? unitWithParent(p.unit) : ''}</Table.Td>}
                  <Table.Td>
                    <RoleBadges person={p} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : (
        people.map((p) => (
          <Paper key={p.id} withBorder p="xs" data-testid="people-row">
            <Anchor component={Link} to={`/people/${p.id}`} fw={600}>
              {p.fullName}
            </Anchor>
            <Text size="sm" c="dimmed">
              {formatDate(p.birthDate)} · {enumLabel(t, 'sex', p.sex)}
              {showUnit && p.unit ? ` · ${unitWithParent(p.unit)}` : ''}
            </Text>
            <RoleBadges person={p} />
          </Paper>
        ))
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
