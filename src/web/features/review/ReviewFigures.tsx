// The review figures of a node for the cycle's year: shares per level, the good-or-better rate, cells by level,
// the cap per grassroots organization; with the Excel export.
import { LineChart } from '@mantine/charts';
import { Anchor, Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { reviewLevels } from '../../../domain/review';
import { apiUrl } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useNumberFormat } from '../../lib/format';
import { reviewApi, type ReviewFigures as Figures } from './api';
import { DownloadButton } from '../../components/DownloadButton';

export function ReviewFigures({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const query = useQuery({ queryKey: ['review-figures', unitId, year], queryFn: () => reviewApi.figures(unitId, year) });
  const groups = ['secretaries', 'members', 'cells'] as const;
  return (
    <QueryState query={query}>
      {(f: Figures) => (
        <Stack gap="sm" data-testid="review-figures">
          <Group justify="space-between" wrap="wrap">
            <Title order={4}>{t('review.figures.title', { year: f.year, unit: f.unit.name })}</Title>
            <DownloadButton href={apiUrl('/api/review/figures.xlsx', { unitId, year })} size="xs" variant="light" data-testid="review-export-xlsx">
              {t('review.figures.excel')}
            </DownloadButton>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            {groups.map((g) => (
              <Paper key={g} withBorder p="sm">
                <Text size="sm" c="dimmed">
                  {t(`review.figures.goodOrBetter.${g}`)}
                </Text>
                <Text fz="xl" fw={700} data-testid={`rate-${g}`}>
                  {fmt.pct(f[g].goodOrBetterPct)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('review.figures.decidedOf', { decided: f[g].decided, total: f[g].total })}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {/* Reachable with the keyboard: on a phone the table scrolls sideways (arrow keys once focused). */}
          <ScrollArea viewportProps={{ tabIndex: 0, 'aria-label': t('review.figures.tableLabel') }}>
            <Table striped withTableBorder miw={480}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {reviewLevels.map((l) => (
                    <Table.Th key={l}>{t(`review.levels.${l}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g}>
                    <Table.Td>{t(`review.figures.groups.${g}`)}</Table.Td>
                    {reviewLevels.map((l) => (
                      <Table.Td key={l}>
                        {f[g].counts[l]} ({fmt.pct(f[g].pct[l])})
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {f.caps.length > 0 && (
            <Stack gap={4}>
              <Text fw={600}>{t('review.figures.caps')}</Text>
              {f.caps.map((c) => (
                <Group key={c.unitId} gap="xs" wrap="wrap">
                  <Text size="sm">{c.name}</Text>
                  <Badge color={c.ok ? 'green' : 'red'}>{t('review.figures.cap', { excellent: c.excellent, goodOrBetter: c.goodOrBetter, allowed: c.allowed, percent: c.percent })}</Badge>
                </Group>
              ))}
            </Stack>
          )}
          <Text fw={600}>{t('review.figures.trend')}</Text>
          {f.trend.every((x) => x.secretariesGoodOrBetterPct === null && x.membersGoodOrBetterPct === null) ? (
            <Text size="sm" c="dimmed" data-testid="review-trend-empty">
              {t('review.figures.noResults')}
            </Text>
          ) : (
            <LineChart
              h={220}
              data={f.trend.map((x) => ({ year: String(x.year), secretaries: x.secretariesGoodOrBetterPct, members: x.membersGoodOrBetterPct }))}
              dataKey="year"
              series={[
                { name: 'secretaries', label: t('review.figures.groups.secretaries'), color: 'red.7' },
                { name: 'members', label: t('review.figures.groups.members'), color: 'blue.6' },
              ]}
              yAxisProps={{ domain: [0, 100], allowDecimals: false }}
              valueFormatter={(v) => fmt.pctAxis(v)}
              connectNulls
              withLegend
              withTooltip
              data-testid="review-trend"
            />
          )}
          {/* The years whose closed reviews hold no member results (the demo's 2020–2024 hold cells and secretaries
              only): said in words, not left as a gap in the line. */}
          {f.trend.some((x) => x.membersGoodOrBetterPct === null) && f.trend.some((x) => x.secretariesGoodOrBetterPct !== null) && (
            <Text size="sm" c="dimmed" data-testid="review-trend-no-members">
              {t('review.figures.noMemberResults', { years: f.trend.filter((x) => x.membersGoodOrBetterPct === null).map((x) => x.year).join(', ') })}
            </Text>
          )}
          {f.secretariesNotCompletedTwice.length > 0 && (
            <Text size="sm" c="red">
              {t('review.figures.notCompletedTwice')}: {f.secretariesNotCompletedTwice.map((s) => `${s.fullName} (${s.unitName})`).join(', ')}
            </Text>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
