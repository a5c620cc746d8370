import { Accordion, Badge, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { formatDateTime } from '../../lib/format';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block style={{ overflowX: 'auto', maxWidth: '100%' }}>
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

/** Audit events; each expands to its before/after JSON. */
export function AuditList({ items }: { items: AuditEvent[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('audit.none')}</Text>;
  return (
    <Accordion variant="separated" multiple chevronPosition="left">
      {items.map((e) => (
        <Accordion.Item key={e.id} value={e.id} data-testid="audit-row">
          <Accordion.Control>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {formatDateTime(e.at)}
              </Text>
              <Badge size="sm" variant="light">
                {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
              </Badge>
              <Text size="sm" c="dimmed">
                {e.actorName ?? t('audit.system')}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })} {e.entityId}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Json label={t('audit.before')} value={e.before} />
              <Json label={t('audit.after')} value={e.after} />
            </SimpleGrid>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
