// The published results of a year's contest, for anyone without an account: every round's ranking and the awards.
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call } from '../../api/client';
import { PublicLayout } from '../../components/PublicLayout';
import { QueryState } from '../../components/QueryState';
import { formatScore } from './shared';

export function ResultsPage() {
  const { t, i18n } = useTranslation();
  const { year = '' } = useParams();
  const results = useQuery({ queryKey: ['contest', 'public', year], queryFn: ({ signal }) => call(api.GET('/api/public/contests/{year}/results', { params: { path: { year: Number(year) } }, signal })), retry: false });
  return (
    <PublicLayout title={t('contest.results.title', { year })} size={960}>
      <QueryState query={results}>
        {(data) => (
          <Stack>
            <Text size="sm" c="dimmed">
              {t('contest.results.publishedAt', { date: formatDateVi(data.publishedAt.slice(0, 10)) })}
            </Text>
            <Group gap="xs">
              <Text size="sm">{t('contest.results.other')}:</Text>
              {data.years.map((y) => (
                <Anchor key={y} component={Link} to={`/results/contest/${y}`} size="sm">
                  {y}
                </Anchor>
              ))}
            </Group>
            {[...data.rounds].reverse().map((r) => (
              <Stack key={r.id} gap="xs">
                <Title order={3}>{r.title}</Title>
                <Table.ScrollContainer minWidth={320}>
                  <Table striped withTableBorder fz="sm" data-testid="public-results">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('contest.rank.rank')}</Table.Th>
                        <Table.Th>{t('contest.rank.name')}</Table.Th>
                        <Table.Th>{t('contest.rank.total')}</Table.Th>
                        <Table.Th>{t('contest.rank.award')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.entries.map((e, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{e.rank}</Table.Td>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {e.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {e.cell}, {e.commune}
                            </Text>
                          </Table.Td>
                          <Table.Td>{formatScore(e.total, i18n.language)}</Table.Td>
                          <Table.Td>
                            {e.award && (
                              <Text size="sm" fw={600} c="yellow.9">
                                {t(`contest.award.${e.award}`)}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            ))}
          </Stack>
        )}
      </QueryState>
    </PublicLayout>
  );
}
