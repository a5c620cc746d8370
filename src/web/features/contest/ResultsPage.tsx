// The published results of a year's contest, for anyone without an account: every round's ranking and the awards.
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call } from '../../api/client';
import { PublicLayout } from '../../components/PublicLayout';
import { QueryState } from '../../components/QueryState';
import { RankTable } from './RankTable';

export function ResultsPage() {
  const { t } = useTranslation();
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
                <RankTable entries={r.entries} testId="public-results" />
              </Stack>
            ))}
          </Stack>
        )}
      </QueryState>
    </PublicLayout>
  );
}
