// A case's conversation as the officers see it (CasePage); the public follow page has its own, in plain HTML
// (public/FollowPage.tsx).
import { Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../domain/dates';
import type { Message } from './api';

export function Conversation({ messages, empty }: { messages: Message[]; empty: string }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs" data-testid="conversation">
      {messages.map((m) => (
        <Card key={m.seq} withBorder padding="xs" bg={m.author === 'officer' ? 'blue.0' : undefined}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text size="xs" fw={600}>
              {t(`supervision.author.${m.author}`)} · {t(`supervision.kind.${m.kind}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateVi(m.on)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.body}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
