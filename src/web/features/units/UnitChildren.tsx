import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UnitNode } from '../../api/types';
import { enumLabel } from '../../lib/enums';

/** Child units as rows that link one level down (keeps the as-of date). */
export function UnitChildren({ items, date }: { items: (UnitNode & { state?: 'open' | 'closed' | 'not_yet' })[]; date?: string | null }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('units.noChildren')}</Text>;
  const suffix = date ? `?date=${date}` : '';
  return (
    <Stack gap={6}>
      {items.map((u) => (
        <Paper key={u.id} withBorder p="xs" data-testid="unit-child">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/units/${u.id}${suffix}`} fw={600}>
                {u.name}
              </Anchor>
              <Group gap={6}>
                <Badge size="xs" variant="light">
                  {u.kind === 'cell' && u.cellKind ? enumLabel(t, 'cellKind', u.cellKind) : enumLabel(t, 'unitKind', u.kind)}
                </Badge>
                {u.state === 'not_yet' && (
                  <Badge size="xs" color="yellow" variant="outline" data-testid="unit-not-yet-badge">
                    {t('units.notYetBadge')}
                  </Badge>
                )}
                {u.validTo && (
                  <Badge size="xs" color="gray" variant="outline">
                    {t('units.closed')}
                  </Badge>
                )}
              </Group>
            </div>
            <Stack gap={0} style={{ textAlign: 'right' }}>
              <Text size="sm">{t('units.memberCount', { count: u.memberCount })}</Text>
              {u.kind === 'cell' ? (
                <Text size="xs" c={u.secretaryName ? 'dimmed' : 'red.7'}>
                  {u.secretaryName ? t('units.secretaryIs', { name: u.secretaryName }) : t('units.noSecretary')}
                </Text>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('units.childCount', { count: u.childCount })}
                </Text>
              )}
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
