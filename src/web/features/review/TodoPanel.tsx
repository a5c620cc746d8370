// "Việc cần làm": the steps the current user must do in the open cycles, grouped by cycle and step — one line
// "Decide the rating: 1,200 records in 50 cells", never one line per cell (defect 6 of issue 14) — only what can be
// done now (the server counts a step only once the step before it is done). A step in one cell opens that cell's
// board and scrolls to it; in several, the line unfolds into its cells. For the levels above, the steps overdue in
// their branch, cell by cell.
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useNumberFormat } from '../../lib/format';
import { reviewApi } from './api';

type Item = Awaited<ReturnType<typeof reviewApi.todo>>['items'][number];

interface Group_ {
  key: string;
  cycleId: string;
  cycleTitle: string;
  step: Item['step'];
  count: number;
  due: string | null;
  overdue: boolean;
  cells: Item[];
}

function groupTodo(items: Item[]): Group_[] {
  const groups = new Map<string, Group_>();
  for (const i of items) {
    const key = `${i.cycleId}:${i.step}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, cycleId: i.cycleId, cycleTitle: i.cycleTitle, step: i.step, count: 0, due: i.due, overdue: false, cells: [] }));
    g.count += i.count;
    g.overdue ||= i.overdue;
    g.cells.push(i);
  }
  return [...groups.values()];
}

export function TodoPanel({ onPick }: { onPick: (cycleId: string, unitId: string, step: string) => void }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const query = useQuery({ queryKey: ['review-todo'], queryFn: reviewApi.todo });
  const [unfolded, setUnfolded] = useState<string | null>(null);
  if (!query.data) return null;
  const { items, overdue } = query.data;
  const groups = groupTodo(items);
  return (
    <Paper withBorder p="sm" data-testid="review-todo">
      <Text fw={600} mb="xs">
        {t('review.todo.title')}
      </Text>
      {items.length === 0 && <Text c="dimmed" size="sm">{t('review.todo.none')}</Text>}
      <Stack gap={6}>
        {groups.map((g) => {
          const one = g.cells.length === 1;
          const open = unfolded === g.key;
          return (
            <Stack key={g.key} gap={2} data-testid={`todo-${g.step}`}>
              <Group gap="xs" wrap="wrap">
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  c={g.overdue ? 'red.8' : undefined}
                  fw={g.overdue ? 600 : undefined}
                  onClick={() => (one ? onPick(g.cycleId, g.cells[0].unitId, g.step) : setUnfolded(open ? null : g.key))}
                  aria-expanded={one ? undefined : open}
                >
                  {t(`review.todo.steps.${g.step}`, { count: g.count })}
                  {one ? ` — ${g.cells[0].unitName}` : ` — ${t('review.todo.cells', { count: g.cells.length, countText: fmt.int(g.cells.length) })}`}
                </Anchor>
                {g.due && (
                  <Text size="xs" c={g.overdue ? 'red.8' : 'dimmed'}>
                    {t('review.todo.due', { date: formatDate(g.due) })}
                  </Text>
                )}
                {g.overdue && <Badge color="red" size="sm">{t('review.progress.overdue')}</Badge>}
                <Text size="xs" c="dimmed">
                  {g.cycleTitle}
                </Text>
              </Group>
              {open && (
                <Stack gap={2} pl="md" data-testid="todo-cells">
                  {g.cells.map((c) => (
                    <Button key={c.unitId} variant="subtle" size="compact-sm" justify="flex-start" onClick={() => onPick(c.cycleId, c.unitId, c.step)}>
                      {c.unitName} ({fmt.int(c.count)})
                    </Button>
                  ))}
                </Stack>
              )}
            </Stack>
          );
        })}
      </Stack>
      {overdue.length > 0 && (
        <Stack gap={4} mt="sm" data-testid="review-overdue">
          <Text fw={600} size="sm" c="red">
            {t('review.todo.overdueTitle')}
          </Text>
          {overdue.map((o) => (
            <Group key={`${o.cycleId}:${o.unitId}:${o.step}`} gap="xs" wrap="wrap">
              <Anchor component="button" type="button" size="sm" onClick={() => onPick(o.cycleId, o.unitId, o.step)}>
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
