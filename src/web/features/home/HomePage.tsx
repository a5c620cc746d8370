// Home: what needs me now (every module's tasks, grouped and counted, one tap each), my branch's key figures, and
// what changed in my branch, in sentences.
import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime, useNumberFormat } from '../../lib/format';
import { useSession } from '../../lib/session';

type Home = Answer<'/api/home', 'get'>;
type Task = Home['tasks'][number];

function TaskCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const params = Object.fromEntries(Object.entries(task.params).map(([k, v]) => [k, typeof v === 'number' ? fmt.int(v) : v]));
  return (
    <UnstyledButton component={Link} to={task.link} data-testid={`task-${task.key.split(':')[0]}`} style={{ display: 'block' }}>
      <Card withBorder padding="sm" radius="md" style={{ borderLeft: `4px solid var(--mantine-color-${task.overdue ? 'red' : 'blue'}-6)` }}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text fw={600} size="sm" style={{ minWidth: 0 }}>
            {t(task.label, { ...params, count: task.count, countText: fmt.int(task.count) })}
          </Text>
          <Badge color={task.overdue ? 'red' : 'blue'} variant="filled" style={{ flexShrink: 0 }}>
            {fmt.int(task.count)}
          </Badge>
        </Group>
        {task.due && (
          <Text size="xs" c={task.overdue ? 'red.8' : 'dimmed'} mt={4}>
            {task.overdue ? t('home.overdueSince', { date: formatDate(task.due) }) : t('home.due', { date: formatDate(task.due) })}
          </Text>
        )}
      </Card>
    </UnstyledButton>
  );
}

function Figures({ figures }: { figures: NonNullable<Home['figures']> }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const v = figures.values;
  const cards = [
    { key: 'cells', value: fmt.int(v.cells) },
    { key: 'members', value: fmt.int(v.members) },
    { key: 'secretaries', value: fmt.int(v.secretaries) },
    { key: 'cellsWithoutSecretary', value: fmt.int(v.cellsWithoutSecretary), warn: v.cellsWithoutSecretary > 0 },
  ];
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap={4}>
        <Title order={4}>{t('home.figuresOf', { unit: figures.unit.name })}</Title>
        <Text component={Link} to={`/units/${figures.unit.id}`} size="sm" c="blue.8">
          {t('home.openUnit')}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {cards.map((c) => (
          <Paper key={c.key} withBorder p="xs" radius="md">
            <Text size="xs" c="dimmed" lh={1.2}>
              {t(`home.figures.${c.key}`)}
            </Text>
            <Text fw={700} fz="lg" c={c.warn ? 'red.8' : undefined} data-testid={`home-figure-${c.key}`}>
              {c.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Changes({ changes }: { changes: Home['changes'] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('home.changes')}</Title>
      <Paper withBorder p="sm" radius="md">
        <Stack gap={6} data-testid="home-changes">
          {changes.map((c) => (
            <Text key={c.id} size="sm">
              <Text span c="dimmed" size="xs">
                {formatDateTime(c.at)}
              </Text>{' '}
              {t('home.change', { who: c.actorName ?? t('home.system'), what: t(`home.actions.${c.action}`, { defaultValue: t(`home.entities.${c.entityType}`, { defaultValue: t('home.actions.other') }) }) })}
            </Text>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const home = useQuery({ queryKey: ['home'], queryFn: () => call(api.GET('/api/home')) });
  return (
    <Stack gap="md" maw={960}>
      <div>
        <Title order={2}>{t('home.hello', { name: me.displayName })}</Title>
      </div>
      <QueryState query={home}>
        {(h) => (
          <Stack gap="md">
            <Stack gap="xs">
              <Title order={4}>{t('home.now')}</Title>
              {h.tasks.length === 0 ? (
                <Text c="dimmed" data-testid="home-no-tasks">
                  {t('home.nothing')}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="home-tasks">
                  {h.tasks.map((task) => (
                    <TaskCard key={task.key} task={task} />
                  ))}
                </SimpleGrid>
              )}
            </Stack>
            {h.figures && <Figures figures={h.figures} />}
            <Changes changes={h.changes} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
