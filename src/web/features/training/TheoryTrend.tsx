// The share of secretaries with elementary political theory or higher, year by year (at each year's end, the current
// year today), with the secretaries and the untrained of each year: a line chart and the same figures as a table.
import { LineChart } from '@mantine/charts';
import { Card, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useNumberFormat } from '../../lib/format';

export default function TheoryTrend() {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const trend = useQuery({ queryKey: ['training-theory-trend'], queryFn: ({ signal }) => call(api.GET('/api/training/theory-trend', { signal })) });
  return (
    <QueryState query={trend}>
      {(d) => (
        <Stack gap="sm" pt="sm" data-testid="theory-trend">
          <Text fw={600}>{t('training.trend.title', { unit: d.unitName })}</Text>
          {d.items.length === 0 ? (
            <Text c="dimmed">{t('training.trend.empty')}</Text>
          ) : (
            <>
              <Card withBorder padding="xs">
                <LineChart
                  h={240}
                  data={d.items.map((i) => ({ year: String(i.year), share: i.theoryPct }))}
                  dataKey="year"
                  series={[{ name: 'share', label: t('training.trend.share'), color: 'red.7' }]}
                  yAxisProps={{ domain: [0, 100] }}
                  valueFormatter={(v) => n.pct(v)}
                  connectNulls
                  withDots
                  tickLine="y"
                />
              </Card>
              <Table striped withTableBorder data-testid="theory-trend-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('training.trend.year')}</Table.Th>
                    <Table.Th ta="right">{t('training.trend.secretaries')}</Table.Th>
                    <Table.Th ta="right">{t('training.trend.share')}</Table.Th>
                    <Table.Th ta="right">{t('training.trend.untrained')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.items.map((i) => (
                    <Table.Tr key={i.year}>
                      <Table.Td>{i.year}</Table.Td>
                      <Table.Td ta="right">{n.int(i.secretaries)}</Table.Td>
                      <Table.Td ta="right">{n.pct(i.theoryPct)}</Table.Td>
                      <Table.Td ta="right">{i.untrained === null ? '—' : n.int(i.untrained)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed">
                {t('training.trend.note')}
              </Text>
            </>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
