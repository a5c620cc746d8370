// The moderation queue: readers' comments waiting for a decision, oldest first.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';

const dt = (iso: string) => new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

export function ModerationPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const queue = useQuery({ queryKey: ['portal-comments', 'pending'], queryFn: ({ signal }) => call(api.GET('/api/portal/comments', { params: { query: { status: 'pending' } }, signal })) });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject' }) => call(api.POST('/api/portal/comments/{id}/moderation', { params: { path: { id: v.id } }, body: { decision: v.decision } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal-comments'] }),
  });
  return (
    <Stack>
      <Title order={2}>{t('portal.moderation.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('portal.moderation.hint')}
      </Text>
      {decide.error ? <ErrorAlert error={decide.error} /> : null}
      <QueryState query={queue}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed" data-testid="portal-queue-empty">
              {t('portal.moderation.empty')}
            </Text>
          ) : (
            data.items.map((c) => (
              <Card key={c.id} withBorder data-testid="portal-comment">
                <Text size="sm" c="dimmed">
                  {dt(c.createdAt)} · {c.article} · {c.lang}
                </Text>
                <Text fw={500}>{c.authorName}</Text>
                <Text dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {c.body}
                </Text>
                <Group mt="xs" gap="xs">
                  <Button size="xs" onClick={() => decide.mutate({ id: c.id, decision: 'approve' })} data-testid="portal-approve">
                    {t('portal.moderation.approve')}
                  </Button>
                  <Button size="xs" variant="default" color="red" onClick={() => decide.mutate({ id: c.id, decision: 'reject' })} data-testid="portal-reject">
                    {t('portal.moderation.reject')}
                  </Button>
                </Group>
              </Card>
            ))
          )
        }
      </QueryState>
    </Stack>
  );
}
