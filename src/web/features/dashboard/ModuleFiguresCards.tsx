import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/types';
import { useNumberFormat } from '../../lib/format';

/**
 * The figures other modules add to the dashboard (server: platform/figures.ts), one card each, whatever they are:
 * the dashboard knows nothing of them but their label (an i18n key of their module's catalog) and value.
 */
export function ModuleFiguresCards({ figures }: { figures: Dashboard['moduleFigures'] }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  if (figures.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="xs" data-testid="module-figures">
      {figures.map((f) => (
        <Paper key={f.key} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" lh={1.2}>
            {t(f.label)}
          </Text>
          <Text fw={700} fz="xl" data-testid={`module-figure-${f.key}`}>
            {f.value !== null && Number.isInteger(f.value) ? fmt.int(f.value) : fmt.decimal(f.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
