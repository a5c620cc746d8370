// The module figures that have a trend (meetings, documents), month by month over the year up to the date: one line
// chart of the shares and one of the counts, each point the figure as the dashboard shows it on that day.
import { LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate, useBilingual, useNumberFormat } from '../../lib/format';

const COLORS = ['red.7', 'blue.6', 'teal.6', 'orange.6', 'grape.6', 'gray.6'];

export function ModuleTrend({ unitId, date }: { unitId: string; date: string | null }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const bilingual = useBilingual();
  const query = useQuery({
    queryKey: ['dashboard-trend', unitId, date],
    queryFn: ({ signal }) => call(api.GET('/api/dashboard/trend', { params: { query: { unitId, ...(date ? { date } : {}) } }, signal })),
  });
  return (
    <QueryState query={query}>
      {(d) => {
        if (d.series.length === 0) return null;
        // a month's point by its month ("11/2026"), the last one by its day
        const label = (x: string, i: number) => (i === d.dates.length - 1 ? formatDate(x) : `${x.slice(5, 7)}/${x.slice(0, 4)}`);
        const chart = (kind: 'pct' | 'count') => {
          const series = d.series.filter((s) => s.trend === kind);
          if (series.length === 0) return null;
          const data = d.dates.map((x, i) => Object.fromEntries([['point', label(x, i)], ...series.map((s) => [s.key, s.values[i]])]));
          return (
            <Paper withBorder p="sm" data-testid={`module-trend-${kind}`}>
              <Text fw={600} mb="xs">
                {t(kind === 'pct' ? 'dashboard.trendShares' : 'dashboard.trendCounts')}
              </Text>
              <LineChart
                h={240}
                data={data}
                dataKey="point"
                series={series.map((s, i) => ({ name: s.key, label: bilingual(s.label), color: COLORS[i % COLORS.length]! }))}
                yAxisProps={kind === 'pct' ? { domain: [0, 100], ticks: [0, 25, 50, 75, 100], tickFormatter: (v: number) => n.pctAxis(v) } : { allowDecimals: false, tickFormatter: (v: number) => n.int(v) }}
                valueFormatter={(v) => (kind === 'pct' ? n.pct(v) : n.int(v))}
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                connectNulls
                withDots
                tickLine="y"
              />
            </Paper>
          );
        };
        return (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" data-testid="module-trend">
            {chart('pct')}
            {chart('count')}
          </SimpleGrid>
        );
      }}
    </QueryState>
  );
}
