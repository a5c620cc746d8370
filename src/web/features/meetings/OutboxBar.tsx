// What the phone still holds: commands pending (offline), sent, or refused with a conflict the person must look at.
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { discard, flush, retryOver, useOutbox, type OutboxEntry } from './outbox';

export function OutboxBar({ meetingId, currentVersion }: { meetingId?: string; currentVersion?: number }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const entries = useOutbox(meetingId, me.id);
  const pending = entries.filter((e) => e.state === 'pending');
  const problems = entries.filter((e) => e.state === 'conflict' || e.state === 'refused');
  const sent = entries.filter((e) => e.state === 'sent');
  if (entries.length === 0) return null;
  const what = (e: OutboxEntry) => (e.file ? t('meetings.commands.material') : t(`meetings.commands.${e.command?.type ?? 'unknown'}`));
  return (
    <Stack gap="xs" data-testid="outbox">
      <Group gap="xs">
        {pending.length > 0 && (
          <Badge color="orange.8" size="lg" data-testid="outbox-pending">
            {t('meetings.outbox.pending', { count: pending.length })}
          </Badge>
        )}
        {pending.length === 0 && sent.length > 0 && (
          <Badge color="green.8" size="lg" data-testid="outbox-sent">
            {t('meetings.outbox.allSent')}
          </Badge>
        )}
        {pending.length > 0 && (
          <Button size="compact-sm" variant="light" onClick={() => void flush()}>
            {t('meetings.outbox.sendNow')}
          </Button>
        )}
      </Group>
      {problems.map((e) => (
        <Alert key={e.commandId} color={e.state === 'conflict' ? 'orange' : 'red'} title={`${what(e)} — ${t(`meetings.outbox.${e.state}`)}`} data-testid="outbox-conflict">
          <Text size="sm">{e.error?.code ? t(`errors.${e.error.code}`, { defaultValue: e.error.message }) : ''}</Text>
          {e.error?.fields.map((f) => (
            <Text key={`${f.path}${f.message}`} size="xs">
              {f.code ? t(`fieldErrors.${f.code}`, { defaultValue: f.message }) : f.message}
              {f.code === 'meeting_changed' || f.code === 'stale_version' ? ` — ${f.message}` : ''}
            </Text>
          ))}
          <Group gap="xs" mt="xs">
            {e.state === 'conflict' && currentVersion !== undefined && e.error?.code === 'conflict' && (
              <Button size="compact-sm" onClick={() => void retryOver(e, currentVersion)}>
                {t('meetings.outbox.keepMine')}
              </Button>
            )}
            <Button size="compact-sm" variant="default" onClick={() => void discard(e)}>
              {t('meetings.outbox.discard')}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
