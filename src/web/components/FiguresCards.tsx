import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../api/types';
import { useNumberFormat } from '../lib/format';

function Card({ label, value, testId, warn }: { label: string; value: ReactNode; testId?: string; warn?: boolean }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text fw={700} fz="xl" c={warn ? 'red.8' : undefined} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/**
 * The registry figures of a unit. Counts in the UI language's format (128.555); percentages with one decimal,
 * or yes/no when there is one secretary.
 */
export function FiguresCards({ figures, compact }: { figures: Figures; compact?: boolean }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  // A share of one secretary (a cell) is a yes or a no, not "0,0 %" / "100,0 %".
  const share = (p: number | null) => (figures.secretaries === 1 && p !== null ? t(p >= 50 ? 'figures.yes' : 'figures.no') : fmt.pct(p));
  const cards = [
    { key: 'cells', value: fmt.int(figures.cells), testId: 'figure-cells' },
    { key: 'members', value: fmt.int(figures.members), testId: 'figure-members' },
    { key: 'fullMembers', value: fmt.int(figures.fullMembers), testId: 'figure-full-members' },
    { key: 'secretaries', value: fmt.int(figures.secretaries), testId: 'figure-secretaries' },
    { key: 'secretariesUniversityPct', value: share(figures.secretariesUniversityPct), testId: 'figure-university' },
    { key: 'secretariesTheoryPct', value: share(figures.secretariesTheoryPct), testId: 'figure-theory' },
    { key: 'secretaryAverageAge', value: fmt.decimal(figures.secretaryAverageAge), testId: 'figure-average-age' },
    { key: 'secretariesVillageHeadPct', value: share(figures.secretariesVillageHeadPct), testId: 'figure-village-head' },
    { key: 'secretariesLaptopPct', value: share(figures.secretariesLaptopPct), testId: 'figure-laptop' },
    {
      key: 'cellsWithoutSecretary',
      value: fmt.int(figures.cellsWithoutSecretary),
      testId: 'figure-cells-without-secretary',
      warn: figures.cellsWithoutSecretary > 0,
    },
    {
      key: 'cellsUnderMinimum',
      value: fmt.int(figures.cellsUnderMinimum),
      testId: 'figure-cells-under-minimum',
      warn: figures.cellsUnderMinimum > 0,
    },
  ];
  return (
    <SimpleGrid cols={compact ? { base: 2, sm: 3, md: 4 } : { base: 2, sm: 3, lg: 4 }} spacing="xs">
      {cards.map((c) => (
        <Card key={c.key} label={t(`figures.${c.key}`)} value={c.value} testId={c.testId} warn={c.warn} />
      ))}
    </SimpleGrid>
  );
}
