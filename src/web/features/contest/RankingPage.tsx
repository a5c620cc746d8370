// A round's ranking for the organizers: the test, the judges' scores with the highest and lowest dropped by the
// round's rule, the total, the rank, who goes on and the awards; and each judge's deviation from the panel.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { RankTable } from './RankTable';
import { formatScore } from './shared';

export function RankingPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const ranking = useQuery({ queryKey: ['contest', 'ranking', id], queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/ranking', { params: { path: { id } }, signal })) });
  const deviations = useQuery({ queryKey: ['contest', 'deviations', id], queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/deviations', { params: { path: { id } }, signal })) });
  const f = (n: number | null) => formatScore(n, i18n.language);
  const published = ranking.data?.published ?? false;
  return (
    <Stack>
      <Title order={2}>{t('contest.rank.title')}</Title>
      <QueryState query={ranking}>
        {(data) => (
          <Stack gap="xs">
            <Text fw={500}>{data.round.title}</Text>
            <Text size="sm" c="dimmed">
              {t('contest.rank.dropped')}
            </Text>
            <RankTable entries={data.entries} judges published={published} testId="ranking-table" />
          </Stack>
        )}
      </QueryState>
      <Title order={3}>{t('contest.rank.deviations')}</Title>
      <QueryState query={deviations}>
        {(data) => (
          <Table.ScrollContainer minWidth={320}>
            <Table striped withTableBorder fz="sm" data-testid="deviations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contest.rank.judge')}</Table.Th>
                  <Table.Th>{t('contest.rank.scored')}</Table.Th>
                  <Table.Th>{t('contest.rank.meanDeviation')}</Table.Th>
                  <Table.Th>{t('contest.rank.meanAbsDeviation')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.judges.map((j) => (
                  <Table.Tr key={j.userId}>
                    <Table.Td>{j.name}</Table.Td>
                    <Table.Td>{j.scored}</Table.Td>
                    <Table.Td>{f(j.meanDeviation)}</Table.Td>
                    <Table.Td>{f(j.meanAbsDeviation)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
