import { Anchor, Badge, Button, Card, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { conclusions, measures } from '../../../domain/supervision';
import { formatDateVi } from '../../../domain/dates';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { translateIssues, type CaseDetail } from './api';
import { Conversation } from './FollowPage';

const statusOf: Record<string, string> = { accept: 'accepted', decline: 'declined', verify: 'verifying', conclude: 'concluded', close: 'closed' };

/** The form of one action: only the fields that action needs. */
function ActionForm({ id, action, onDone }: { id: string; action: string; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ note: '', publicReply: '', conclusion: null as string | null, measure: null as string | null, body: '', reason: '' });
  const v = form.values;
  const write = useWrite(
    () => {
      const url = `/api/supervision/cases/${id}`;
      if (action === 'extend') return api<CaseDetail>(`${url}/extend`, { method: 'POST', body: { reason: v.reason } });
      if (action === 'ask' || action === 'reply') return api<CaseDetail>(`${url}/messages`, { method: 'POST', body: { kind: action === 'ask' ? 'question' : 'reply', body: v.body } });
      const to = statusOf[action];
      const body: Record<string, unknown> = { to, note: v.note || null };
      if (to === 'declined') body.publicReply = v.publicReply || null;
      if (to === 'concluded') Object.assign(body, { conclusion: v.conclusion, measure: v.measure, publicReply: v.publicReply });
      return api<CaseDetail>(`${url}/status`, { method: 'POST', body });
    },
    { onSuccess: onDone, onError: (err) => form.showError(translateIssues(err, t)) },
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        form.clearErrors();
        write.mutate(undefined);
      }}
    >
      <Stack gap="xs">
        {action === 'conclude' && (
          <>
            <Select label={t('supervision.officer.conclusion')} data={conclusions.map((c) => ({ value: c, label: t(`supervision.conclusion.${c}`) }))} {...form.choice('conclusion')} />
            <Select label={t('supervision.officer.measure')} data={measures.map((c) => ({ value: c, label: t(`supervision.measure.${c}`) }))} {...form.choice('measure')} />
          </>
        )}
        {(action === 'ask' || action === 'reply') && <Textarea label={t('supervision.officer.body')} autosize minRows={3} {...form.text('body')} data-testid="case-message" />}
        {action === 'extend' && <Textarea label={t('supervision.officer.reason')} autosize {...form.text('reason')} />}
        {(action === 'conclude' || action === 'decline') && <Textarea label={t('supervision.officer.publicReply')} autosize minRows={2} {...form.text('publicReply')} />}
        {statusOf[action] && <Textarea label={action === 'decline' ? t('supervision.officer.reason') : t('supervision.officer.note')} autosize {...form.text('note')} />}
        {form.formError && <ErrorAlert error={form.formError} />}
        <Group>
          <Button type="submit" loading={write.isPending} data-testid="case-action-submit">
            {t(`supervision.officer.action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One case: what was reported, who may know the reporter, the history, the conversation and the next moves. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [action, setAction] = useState<string | null>(null);
  const detail = useQuery({ queryKey: ['supervision-case', id], queryFn: ({ signal }) => api<CaseDetail>(`/api/supervision/cases/${id}`, { signal }) });
  return (
    <Stack>
      <Anchor component={Link} to="/supervision" size="sm">
        ← {t('supervision.officer.back')}
      </Anchor>
      <QueryState query={detail}>
        {(d) => {
          const c = d.case;
          return (
            <Stack>
              <Title order={2} size="h3">
                {t(`supervision.category.${c.category}`)} · {c.cell.name}
              </Title>
              <Group gap="xs" wrap="wrap">
                <Badge data-testid="case-status">{t(`supervision.status.${c.status}`)}</Badge>
                <Badge variant="outline">{t(`supervision.route.${c.route}`)}</Badge>
                <Badge variant="light">{t(`supervision.subject.${c.subject}`)}</Badge>
                {c.overdue && <Badge color="red">{t('supervision.officer.overdue')}</Badge>}
              </Group>
              <Paper withBorder p="sm">
                <Stack gap={4}>
                  <Text size="sm">
                    {t('supervision.officer.handledBy')}: {c.handlingUnit.name}
                  </Text>
                  <Text size="sm" data-testid="case-reporter">
                    {t('supervision.officer.reporter')}:{' '}
                    {c.reporter.state === 'shown'
                      ? `${c.reporter.name ?? ''} · ${c.reporter.contact ?? ''}`
                      : c.reporter.state === 'anonymous'
                        ? t('supervision.officer.anonymous')
                        : t('supervision.officer.protected')}
                  </Text>
                  <Text size="sm">
                    {t('supervision.public.receivedOn')}: {formatDateVi(c.receivedOn)} · {t('supervision.officer.acknowledgeBy')}: {formatDateVi(c.acknowledgeBy)} ·{' '}
                    {t('supervision.officer.concludeBy')}: {formatDateVi(c.concludeBy)}
                  </Text>
                  {c.extensionReason && <Text size="sm">{t('supervision.officer.extended', { reason: c.extensionReason })}</Text>}
                  {c.conclusion && (
                    <Text size="sm" fw={600}>
                      {t('supervision.officer.conclusion')}: {t(`supervision.conclusion.${c.conclusion}`)} · {t(`supervision.measure.${c.measure}`)}
                    </Text>
                  )}
                </Stack>
              </Paper>
              <Text fw={600}>{t('supervision.officer.content')}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="case-content">
                {c.content}
              </Text>
              {d.attachments.length > 0 && (
                <Group gap="sm">
                  <Text size="sm" fw={600}>
                    {t('supervision.officer.attachments')}:
                  </Text>
                  {d.attachments.map((a) => (
                    <Anchor key={a.id} href={`/api/supervision/cases/${id}/attachments/${a.id}`} size="sm">
                      {t('supervision.officer.file', { n: a.seq })}
                    </Anchor>
                  ))}
                </Group>
              )}
              {d.actions.length > 0 && (
                <Card withBorder padding="sm">
                  <Group gap="xs" wrap="wrap">
                    {d.actions.map((a) => (
                      <Button key={a} size="xs" variant={action === a ? 'filled' : 'light'} onClick={() => setAction(action === a ? null : a)} data-testid={`case-action-${a}`}>
                        {t(`supervision.officer.action.${a}`)}
                      </Button>
                    ))}
                  </Group>
                  {action && d.actions.includes(action) && (
                    <Stack mt="sm">
                      <ActionForm key={action} id={id} action={action} onDone={() => setAction(null)} />
                    </Stack>
                  )}
                </Card>
              )}
              <Text fw={600}>{t('supervision.officer.messages')}</Text>
              <Conversation messages={d.messages} empty={t('supervision.public.noMessages')} />
              <Text fw={600}>{t('supervision.officer.history')}</Text>
              <Table>
                <Table.Tbody>
                  {d.history.map((h) => (
                    <Table.Tr key={h.seq}>
                      <Table.Td>{formatDateVi(h.on)}</Table.Td>
                      <Table.Td>{t(`supervision.status.${h.to}`)}</Table.Td>
                      <Table.Td>{h.by ?? ''}</Table.Td>
                      <Table.Td>{h.note ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
