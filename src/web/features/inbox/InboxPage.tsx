// The inbox: official messages waiting for acknowledgement first, then the news, newest first. A line folds what
// happened several times while unread ("3 replies"); opening it marks it read and goes to the thing itself.
import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime, useNumberFormat } from '../../lib/format';

type Item = Answer<'/api/inbox', 'get'>['items'][number];

/** The words of a notification's sentence, dates in dd/mm/yyyy and enum codes translated. */
function useSentence() {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  return (i: Item) => {
    const p: Record<string, unknown> = { ...i.params };
    for (const k of ['due', 'deadline', 'plannedOn', 'receivedOn']) if (typeof p[k] === 'string') p[k] = formatDate(p[k] as string);
    if (typeof p.category === 'string') p.category = t(`inbox.categories.${p.category}`, { defaultValue: p.category });
    if (typeof p.step === 'string') p.stepText = t(`inbox.steps.${p.step}`);
    const key =
      i.topic === 'import.finished'
        ? `inbox.topics.import.${String(p.status)}`
        : i.topic === 'deadline.reminder'
          ? `inbox.reminders.${String(p.what)}${p.daysLeft === 0 ? '_today' : ''}`
          : `inbox.topics.${i.topic}`;
    return t(key, { ...p, count: i.count, countText: fmt.int(i.count) });
  };
}

function Line({ item }: { item: Item }) {
  const { t } = useTranslation();
  const sentence = useSentence();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  const read = useMutation({ mutationFn: () => call(api.POST('/api/inbox/read', { body: { ids: [item.id] } })), onSettled: refresh });
  const ack = useMutation({
    mutationFn: () => call(api.POST('/api/inbox/{id}/acknowledge', { params: { path: { id: item.id } } })),
    onSuccess: refresh,
    onError: setError,
  });
  return (
    <Card withBorder padding="sm" radius="md" data-testid={`inbox-item-${item.topic}`} data-read={item.read} bg={item.read ? undefined : 'blue.0'}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge color={item.kind === 'official' ? 'red' : 'gray'} variant="light">
            {t(`inbox.kinds.${item.kind}`)}
          </Badge>
          {!item.read && <Badge variant="dot">{t('inbox.unread')}</Badge>}
          <Text size="xs" c="dimmed">
            {formatDateTime(item.updatedAt)}
          </Text>
        </Group>
        <Text size="sm" fw={item.read ? 400 : 600}>
          {sentence(item)}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Button
            size="compact-sm"
            variant="light"
            component={Link}
            to={item.link}
            onClick={(e: React.MouseEvent) => {
              e.preventDefault();
              if (!item.read) read.mutate();
              navigate(item.link);
            }}
            data-testid="inbox-open"
          >
            {t('inbox.open')}
          </Button>
          {item.mustAcknowledge && (
            <Button size="compact-sm" color="red" onClick={() => ack.mutate()} loading={ack.isPending} data-testid="inbox-acknowledge">
              {t('inbox.acknowledge')}
            </Button>
          )}
          {item.kind === 'official' && item.acknowledged && (
            <Text size="xs" c="green.8" data-testid="inbox-acknowledged">
              {t('inbox.acknowledged')}
            </Text>
          )}
        </Group>
        <ErrorAlert error={error} />
      </Stack>
    </Card>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const [kind, setKind] = useState<'all' | 'official' | 'activity'>('all');
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: ['inbox', kind], queryFn: () => call(api.GET('/api/inbox', { params: { query: kind === 'all' ? {} : { kind } } })) });
  const readAll = useMutation({
    mutationFn: () => call(api.POST('/api/inbox/read', { body: { all: true } })),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' }),
  });
  const c = inbox.data?.counts;
  return (
    <Stack gap="sm" maw={800}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2}>{t('inbox.title')}</Title>
        <Group gap="xs">
          <Button size="compact-sm" variant="subtle" component={Link} to="/inbox/preferences" data-testid="inbox-preferences">
            {t('inbox.preferences.link')}
          </Button>
          <Button size="compact-sm" variant="light" onClick={() => readAll.mutate()} loading={readAll.isPending} disabled={!c || c.official + c.activity === 0} data-testid="inbox-read-all">
            {t('inbox.readAll')}
          </Button>
        </Group>
      </Group>
      {c && c.toAcknowledge > 0 && (
        <Text size="sm" c="red.8" data-testid="inbox-to-acknowledge">
          {t('inbox.toAcknowledge', { count: c.toAcknowledge, countText: fmt.int(c.toAcknowledge) })}
        </Text>
      )}
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        data={[
          { value: 'all', label: t('inbox.filter.all') },
          { value: 'official', label: t('inbox.filter.official') },
          { value: 'activity', label: t('inbox.filter.activity') },
        ]}
        fullWidth
        data-testid="inbox-filter"
      />
      <QueryState query={inbox}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed" data-testid="inbox-empty">
              {t('inbox.empty')}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="inbox-list">
              {items.map((i) => (
                <Line key={i.id} item={i} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
