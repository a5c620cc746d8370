// A round's ranking for the organizers: the test, the judges' scores with the highest and lowest dropped by the
// round's rule, the total, the rank, who goes on and the awards; and each judge's deviation from the panel.
import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatScore } from './shared';

/** The judges' totals, the dropped ones struck through (each once). */
function JudgeTotals({ totals, dropped }: { totals: number[]; dropped: number[] }) {
  const left = [...dropped];
  return (
    <>
      {[...totals]
        .sort((a, b) => b - a)
        .map((x, i) => {
          const k = left.indexOf(x);
          const out = k >= 0;
          if (out) left.splice(k, 1);
          return (
            <Text key={i} span size="sm" td={out ? 'line-through' : undefined} c={out ? 'dimmed' : undefined} mr={6} data-testid={out ? 'dropped-score' : 'kept-score'}>
              {formatScore(x)}
            </Text>
          );
        })}
    </>
  );
}

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
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder fz="sm" data-testid="ranking-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('contest.rank.rank')}</Table.Th>
                    <Table.Th>{t('contest.rank.name')}</Table.Th>
                    <Table.Th>{t('contest.rank.test')}</Table.Th>
                    <Table.Th>{t('contest.rank.judgeScores')}</Table.Th>
                    <Table.Th>{t('contest.rank.presentation')}</Table.Th>
                    <Table.Th>{t('contest.rank.total')}</Table.Th>
                    <Table.Th>{t('contest.rank.award')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.entries.map((e) => (
                    <Table.Tr key={e.id} data-testid="ranking-row" data-name={e.name}>
                      <Table.Td>{e.rank}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {e.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {e.cell}, {e.commune}
                        </Text>
                      </Table.Td>
                      <Table.Td>{f(e.test)}</Table.Td>
                      <Table.Td>
                        <JudgeTotals totals={e.judgeTotals} dropped={e.dropped} />
                      </Table.Td>
                      <Table.Td data-testid="panel-score">{f(e.presentation)}</Table.Td>
                      <Table.Td fw={600}>{f(e.total)}</Table.Td>
                      <Table.Td>
                        {e.award ? (
                          <Stack gap={2}>
                            <Badge variant="light" color="yellow" c="yellow.9">
                              {t(`contest.award.${e.award}`)}
                            </Badge>
                            {published && (
                              <Anchor href={`/api/contest-candidates/${e.id}/certificate.pdf`} size="xs">
                                {t('contest.certificate')}
                              </Anchor>
                            )}
                          </Stack>
                        ) : e.advances ? (
                          <Badge variant="light" color="green" c="green.9">
                            {t('contest.rank.advances')}
                          </Badge>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
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
