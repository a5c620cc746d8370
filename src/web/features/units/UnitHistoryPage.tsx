import { Anchor, Group, List, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';

type StoryLine = Answer<'/api/units/{id}/history', 'get'>['story'][number];

/** One dated event as a sentence (units.story.*), the units it names as links on their day. */
function StorySentence({ line }: { line: StoryLine }) {
  const { t } = useTranslation();
  const date = formatDate(line.on);
  const link = (u: { id: string; name: string }, on = line.on) => (
    <Anchor key={u.id} component={Link} to={`/units/${u.id}?date=${on}`}>
      {u.name}
    </Anchor>
  );
  const links = (units: StoryLine['units'], on: string) => (
    <Group gap={6} component="span" style={{ display: 'inline-flex' }}>
      {units.map((u) => link(u, on))}
    </Group>
  );
  switch (line.kind) {
    case 'formed':
      if (line.units.length)
        return (
          <>
            {t('units.story.formedFrom', { date, name: line.name })} {links(line.units, previousDay(line.on))}
          </>
        );
      return <>{line.parent ? t('units.story.formedUnder', { date, name: line.name, parent: line.parent.name }) : t('units.story.formed', { date, name: line.name })}</>;
    case 'renamed':
      return <>{t('units.story.renamed', { date, from: line.previousName ?? '', to: line.name })}</>;
    case 'moved':
      return <>{t('units.story.moved', { date, from: line.previousParent?.name ?? '—', to: line.parent?.name ?? '—' })}</>;
    case 'closed': {
      const key = ['merged', 'split', 'dissolved'].includes(line.reason ?? '') ? `closed_${line.reason}` : 'closed_other';
      return (
        <>
          {t(`units.story.${key}`, { date })} {line.units.length > 0 && links(line.units, line.on)}
        </>
      );
    }
  }
}

/** The day before an ISO date: predecessors are shown as they stood the day before they merged. */
function previousDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function UnitHistoryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { isProvinceAdmin } = useSession();
  const query = useQuery({ queryKey: ['unit-history', id], queryFn: () => call(api.GET('/api/units/{id}/history', { params: { path: { id } } })) });
  return (
    <Stack>
      <Anchor component={Link} to={`/units/${id}`} size="sm">
        {t('common.back')}
      </Anchor>
      <Title order={2}>{t('units.history')}</Title>
      <QueryState query={query}>
        {(data) => (
          <Stack>
            <Paper withBorder p="sm">
              <Title order={4} mb="xs">
                {t('units.story.title')}
              </Title>
              {data.story.length === 0 ? (
                <Text c="dimmed">{t('units.story.none')}</Text>
              ) : (
                <List spacing={6} data-testid="unit-story">
                  {data.story.map((line, i) => (
                    <List.Item key={`${line.kind}:${line.on}:${i}`} data-testid={`unit-story-${line.kind}`}>
                      <StorySentence line={line} />
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
            <Title order={4}>{t('units.story.versions')}</Title>
            <Paper withBorder>
              <ScrollArea type="auto">
                <Table miw={320}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.from')}</Table.Th>
                      <Table.Th>{t('common.to')}</Table.Th>
                      <Table.Th>{t('units.name')}</Table.Th>
                      <Table.Th>{t('units.parent')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((h) => (
                      <Table.Tr key={`${h.validFrom}:${h.name}`} data-testid="unit-history-row">
                        <Table.Td>{formatDate(h.validFrom)}</Table.Td>
                        <Table.Td>{formatDate(h.validTo)}</Table.Td>
                        <Table.Td>{h.name}</Table.Td>
                        <Table.Td>
                          {h.parentId ? (
                            <Anchor component={Link} to={`/units/${h.parentId}?date=${h.validFrom}`}>
                              {h.parentName ?? ''}
                            </Anchor>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
            </Paper>
            {isProvinceAdmin && (
              <Anchor component={Link} to={`/audit?entityType=unit&entityId=${id}`} size="sm" data-testid="unit-audit-link">
                {t('audit.trail')}
              </Anchor>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
