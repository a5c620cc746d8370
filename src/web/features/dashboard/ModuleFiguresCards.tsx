import { BarChart } from '@mantine/charts';
import { Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/types';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { unitWithParent } from '../../components/unitName';
import { useBilingual, useNumberFormat } from '../../lib/format';

type ModuleFigure = Dashboard['moduleFigures'][number];
type Child = Dashboard['children'][number];
/** The parts' colours, the highest band first (good, fair, average, weak). */
const PART_COLORS = ['green.7', 'blue.5', 'yellow.6', 'red.6'];

/**
 * The figures other modules add to the dashboard (server: platform/figures.ts), one card each, whatever they are:
 * the dashboard knows nothing of them but their label (vi and en, sent by the server) and value. Figures
 * that name a chart (the shares of a distribution) are drawn together as one bar chart titled by that key.
 */
export function ModuleFiguresCards({ figures, unitName, children = [] }: { figures: Dashboard['moduleFigures']; unitName?: string; children?: Child[] }) {
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
        <ModuleFigureChart key={chart} title={chart} parts={parts} unitName={unitName ?? ''} children={children} />
      ))}
    </>
  );
}

/** A distribution in shares (%): one horizontal bar per part, so long labels fit a 360 px phone. */
function ModuleFigureChart({ title, parts, unitName, children }: { title: string; parts: ModuleFigure[]; unitName: string; children: Child[] }) {
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
      {children.length > 0 && <ChildrenSideBySide parts={parts} unitName={unitName} children={children} />}
      {parts.map((p) => (
        <span key={p.key} hidden data-testid={`module-figure-${p.key}`}>
          {fmt.decimal(p.value)}
        </span>
      ))}
    </Paper>
  );
}

/**
 * The same distribution for each child of the unit (a commune's cells, a province's communes), side by side: what a
 * commune officer compares is which cells hold the weak meetings, so each child is one stacked bar of its shares and
 * the shares in figures, the children with the lowest share in the highest band first (those without scored
 * meetings last). A table from 768 px up, a card per child on a phone.
 */
function ChildrenSideBySide({ parts, unitName, children }: { parts: ModuleFigure[]; unitName: string; children: Child[] }) {
  const { t } = useTranslation();
  const label = useBilingual();
  const fmt = useNumberFormat();
  const valueOf = (c: Child, key: string) => c.moduleFigures.find((m) => m.key === key)?.value ?? null;
  const first = parts[0]!.key;
  const rows = [...children].sort((a, b) => {
    const [x, y] = [valueOf(a, first), valueOf(b, first)];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return x - y;
  });
  const columns: Column<Child>[] = [
    {
      key: 'unit',
      header: t('dashboard.chartChild'),
      primary: true,
      cell: (c) => (
        <Stack gap={4}>
          <Text size="sm">{unitWithParent({ name: c.unit.name, parentName: unitName })}</Text>
          {parts.every((p) => valueOf(c, p.key) === null) ? (
            <Text size="xs" c="dimmed">
              {t('dashboard.noScoredData')}
            </Text>
          ) : (
            <Progress.Root size="lg" aria-hidden>
              {parts.map((p, i) => (
                <Progress.Section key={p.key} value={valueOf(c, p.key) ?? 0} color={PART_COLORS[i % PART_COLORS.length]} />
              ))}
            </Progress.Root>
          )}
        </Stack>
      ),
    },
    ...parts.map((p) => ({
      key: p.key,
      header: label(p.label),
      cell: (c: Child) => fmt.pct(valueOf(c, p.key)),
    })),
  ];
  return (
    <Stack gap="xs" mt="md">
      <Text fw={600} size="sm">
        {t('dashboard.chartByChild', { unit: unitName })}
      </Text>
      <ResponsiveTable rows={rows} rowKey={(c) => c.unit.id} columns={columns} minWidth={640} testId="module-chart-children" rowTestId={() => 'module-chart-child'} />
    </Stack>
  );
}
