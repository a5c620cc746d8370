// The dashboard's review section: the latest review year's "well or better" rate of secretaries and of members at
// the node, linking to /review. Shown only to those who may read the review figures and once a year has results.
import { Anchor, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNumberFormat } from '../../lib/format';
import { reviewApi } from './api';

export function ReviewRateCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const cycles = useQuery({ queryKey: ['review-cycles'], queryFn: reviewApi.cycles, retry: false });
  const years = (cycles.data?.items ?? []).filter((c) => c.kind === 'yearly').map((c) => c.year);
  const year = years.length ? Math.max(...years) : null;
  const figures = useQuery({ queryKey: ['review-figures', unitId, year], queryFn: () => reviewApi.figures(unitId, year!), enabled: year !== null, retry: false });
  const f = figures.data;
  if (!f || f.allPeople.decided === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="dashboard-review">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('review.dashboard.title', { year: f.year })}</Text>
        <Anchor component={Link} to="/review" size="sm">
          {t('review.dashboard.open')}
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        {(['secretaries', 'members'] as const).map((g) => (
          <div key={g}>
            <Text size="sm" c="dimmed">
              {t(`review.figures.goodOrBetter.${g}`)}
            </Text>
            <Text fz="xl" fw={700} data-testid={`dashboard-review-${g}`}>
              {fmt.pct(f[g].goodOrBetterPct)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('review.figures.decidedOf', { decided: f[g].decided, total: f[g].total })}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
