// "Việc cần làm": the steps the current user must do in the open cycles, with their deadlines (overdue first, in
// red), and for the levels above the steps overdue in their branch, cell by cell. Each line opens the cell's board.
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { reviewApi } from './api';

export function TodoPanel({ onPick }: { onPick: (cycleId: string, unitId: string) => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['review-todo'], queryFn: reviewApi.todo });
  if (!query.data) return null;
  const { items, overdue } = query.data;
  return (
    <Paper withBorder p="sm" data-testid="review-todo">
      <Text fw={600} mb="xs">
        {t('review.todo.title')}
      </Text>
      {items.length === 0 && <Text c="dimmed" size="sm">{t('review.todo.none')}</Text>}
      <Stack gap={4}>
        {items.map((i) => (
          <Group key={`${i.cycleId}:${i.unitId}:${i.step}`} gap="xs" wrap="wrap" data-testid={`todo-${i.step}`}>
            <Anchor component="button" type="button" size="sm" c={i.overdue ? 'red' : undefined} fw={i.overdue ? 600 : undefined} onClick={() => onPick(i.cycleId, i.unitId)}>
              {t(`review.todo.steps.${i.step}`, { count: i.count })} — {i.unitName}
            </Anchor>
            {i.due && (
              <Text size="xs" c={i.overdue ? 'red' : 'dimmed'}>
                {t('review.todo.due', { date: formatDate(i.due) })}
              </Text>
            )}
            {i.overdue && <Badge color="red" size="sm">{t('review.progress.overdue')}</Badge>}
            <Text size="xs" c="dimmed">
              {i.cycleTitle}
            </Text>
          </Group>
        ))}
      </Stack>
      {overdue.length > 0 && (
        <Stack gap={4} mt="sm" data-testid="review-overdue">
          <Text fw={600} size="sm" c="red">
            {t('review.todo.overdueTitle')}
          </Text>
          {overdue.map((o) => (
            <Group key={`${o.cycleId}:${o.unitId}:${o.step}`} gap="xs" wrap="wrap">
              <Anchor component="button" type="button" size="sm" onClick={() => onPick(o.cycleId, o.unitId)}>
                {o.unitName}
              </Anchor>
              <Text size="sm">{t(`review.todo.overdueSteps.${o.step}`, { missing: o.missing })}</Text>
              <Text size="xs" c="red">
                {t('review.todo.due', { date: formatDate(o.due) })}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
