import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/types';
import { useBilingual, useNumberFormat } from '../../lib/format';

type ModuleFigure = Dashboard['moduleFigures'][number];

/**
 * The figures other modules add to the dashboard (server: platform/figures.ts), one card each, whatever they are:
 * the dashboard knows nothing of them but their label (vi and en, sent by the server) and value. Figures
 * that name a chart (the shares of a distribution) are drawn together as one bar chart titled by that key.
 */
export function ModuleFiguresCards({ figures }: { figures: Dashboard['moduleFigures'] }) {
  const label = useBilingual();
  const fmt = useNumberFormat();
  if (figures.length === 0) return null;
  const cards = figures.filter((f) => !f.chart);
  const charts = new Map<string, ModuleFigure[]>();
  for (const f of figures) if (f.chart) charts.set(f.chart, [...(charts.get(f.chart) ?? []), f]);
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="xs" data-testid="module-figures">
        {cards.map((f) => (
          <Paper key={f.key} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" lh={1.2}>
              {label(f.label)}
            </Text>
            <Text fw={700} fz="xl" data-testid={`module-figure-${f.key}`}>
              {f.value !== null && Number.isInteger(f.value) ? fmt.int(f.value) : fmt.decimal(f.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {[...charts].map(([chart, parts]) => (
        <ModuleFigureChart key={chart} title={chart} parts={parts} />
      ))}
    </>
  );
}

/** A distribution in shares (%): one horizontal bar per part, so long labels fit a 360 px phone. */
function ModuleFigureChart({ title, parts }: { title: string; parts: ModuleFigure[] }) {
  const { t } = useTranslation();
  const label = useBilingual();
  const fmt = useNumberFormat();
  const empty = parts.every((p) => p.value === null);
  const data = parts.map((p) => ({ part: label(p.label), share: p.value ?? 0 }));
  return (
    <Paper withBorder p="sm" data-testid={`module-chart-${title}`}>
      <Text fw={600} mb="xs">
        {t(title)}
      </Text>
      {empty ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.noScoredData')}
        </Text>
      ) : (
        <BarChart
          h={40 + 36 * parts.length}
          data={data}
          dataKey="part"
          orientation="vertical"
          yAxisProps={{ width: 150 }}
          xAxisProps={{ domain: [0, 100], tickFormatter: (v: number) => fmt.pctAxis(v) }}
          series={[{ name: 'share', label: t('dashboard.share'), color: 'red.6' }]}
          valueFormatter={(v) => fmt.pct(v)}
          withBarValueLabel
          gridAxis="x"
          withTooltip={false}
        />
      )}
      {parts.map((p) => (
        <span key={p.key} hidden data-testid={`module-figure-${p.key}`}>
          {fmt.decimal(p.value)}
        </span>
      ))}
    </Paper>
  );
}
