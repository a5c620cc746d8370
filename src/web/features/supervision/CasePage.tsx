import { Anchor, Badge, Button, Card, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { conclusions, measures } from '../../../domain/supervision-values';
import { formatDateVi } from '../../../domain/dates';
import { api, call, formBody } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { translateIssues, type CaseDetail } from './api';
import { Conversation } from './Conversation';
import { PrintButton } from '../../components/PrintButton';
import { DownloadButton } from '../../components/DownloadButton';

const statusOf: Record<string, string> = { accept: 'accepted', decline: 'declined', verify: 'verifying', conclude: 'concluded', close: 'closed' };

/** The form of one action: only the fields that action needs. */
function ActionForm({ id, action, onDone }: { id: string; action: string; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ note: '', publicReply: '', conclusion: null as string | null, measure: null as string | null, body: '', reason: '' });
  const v = form.values;
  const write = useWrite(
    () => {
      const params = { path: { id } };
      if (action === 'extend') return call(api.POST('/api/supervision/cases/{id}/extend', { params, body: { reason: v.reason } }));
      if (action === 'ask' || action === 'reply')
        return call(api.POST('/api/supervision/cases/{id}/messages', { params, body: { kind: action === 'ask' ? 'question' : 'reply', body: v.body } }));
      const to = statusOf[action];
      const body: Record<string, unknown> = { to, note: v.note || null };
      if (to === 'declined') body.publicReply = v.publicReply || null;
      if (to === 'concluded') Object.assign(body, { conclusion: v.conclusion, measure: v.measure, publicReply: v.publicReply });
      return call(api.POST('/api/supervision/cases/{id}/status', { params, body: formBody(body) }));
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

/** Links this case with another of the same cell as the same matter; or takes it out of its matter. */
function SameMatter({ d }: { d: CaseDetail }) {
  const { t } = useTranslation();
  const c = d.case;
  const [otherId, setOtherId] = useState<string | null>(null);
  const mayLink = d.actions.includes('link');
  const candidates = useQuery({
    queryKey: ['supervision-cases', 'cell', c.cell.id],
    queryFn: ({ signal }) => call(api.GET('/api/supervision/cases', { params: { query: { unitId: c.cell.id, limit: 100 } }, signal })),
    enabled: mayLink,
  });
  const linkedIds = new Set([c.id, ...d.linked.map((l) => l.id)]);
  const options = (candidates.data?.items ?? [])
    .filter((o) => !linkedIds.has(o.id))
    .map((o) => ({ value: o.id, label: `${formatDateVi(o.receivedOn)} · ${t(`supervision.category.${o.category}`)} · ${o.excerpt.slice(0, 40)}` }));
  const link = useWrite(() => call(api.POST('/api/supervision/cases/{id}/link', { params: { path: { id: c.id } }, body: formBody({ otherId }) })), { onSuccess: () => setOtherId(null) });
  const unlink = useWrite(() => call(api.POST('/api/supervision/cases/{id}/unlink', { params: { path: { id: c.id } } })), {});
  if (!mayLink && d.linked.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="case-matter">
      <Stack gap="xs">
        <Text fw={600}>{t('supervision.officer.sameMatter')}</Text>
        {d.linked.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('supervision.officer.noLinked')}
          </Text>
        ) : (
          d.linked.map((l) => (
            <Anchor key={l.id} component={Link} to={`/supervision/${l.id}`} size="sm">
              {formatDateVi(l.receivedOn)} · {t(`supervision.category.${l.category}`)} · {l.cell.name} · {t(`supervision.status.${l.status}`)}
            </Anchor>
          ))
        )}
        {mayLink && (
          <Group align="flex-end" wrap="wrap" gap="xs">
            <Select
              label={t('supervision.officer.linkWith')}
              data={options}
              value={otherId}
              onChange={setOtherId}
              searchable
              w={{ base: '100%', xs: 320 }}
              data-testid="case-link-select"
            />
            <Button size="xs" disabled={!otherId} loading={link.isPending} onClick={() => link.mutate(undefined)} data-testid="case-link">
              {t('supervision.officer.link')}
            </Button>
            {d.actions.includes('unlink') && (
              <Button size="xs" variant="light" color="gray" loading={unlink.isPending} onClick={() => unlink.mutate(undefined)}>
                {t('supervision.officer.unlink')}
              </Button>
            )}
          </Group>
        )}
        {(link.error || unlink.error) && <ErrorAlert error={link.error ?? unlink.error} />}
      </Stack>
    </Paper>
  );
}

/** One case: what was reported, who may know the reporter, the history, the conversation and the next moves. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [action, setAction] = useState<string | null>(null);
  const detail = useQuery({ queryKey: ['supervision-case', id], queryFn: ({ signal }) => call(api.GET('/api/supervision/cases/{id}', { params: { path: { id } }, signal })) });
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
                <PrintButton testId="case-print" />
                <DownloadButton size="xs" variant="light" className="no-print" href={`/api/supervision/cases/${id}/case.pdf?lang=${i18n.language === 'en' ? 'en' : 'vi'}`} data-testid="case-pdf">
                  {t('supervision.officer.casePdf')}
                </DownloadButton>
                <Badge variant="outline">{t(`supervision.route.${c.route}`)}</Badge>
                <Badge variant="light">{t(`supervision.subject.${c.subject}`)}</Badge>
                {c.overdue && <Badge color="red">{t('supervision.officer.overdue')}</Badge>}
                {c.escalatedTo && (
                  <Badge color="red" variant="outline" data-testid="case-escalated">
                    {t('supervision.officer.escalated', { unit: c.escalatedTo })}
                  </Badge>
                )}
              </Group>
              <Paper withBorder p="sm">
                <Stack gap={4}>
                  <Text size="sm">
                    {t('supervision.officer.handledBy')}: {c.handlingUnit.name}
                  </Text>
                  <Text size="sm" data-testid="case-reporter">
                    {t('supervision.officer.reporter')}:{' '}
                    {c.reporter.state === 'shown'
                      ? `${c.reporter.name ?? ''}${c.reporter.contact ? ` · ${c.reporter.contact}` : ''}${c.reporter.member ? ` (${t('supervision.officer.memberReporter')})` : ''}`
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
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="case-content">
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
                    {d.actions.filter((a) => a !== 'link' && a !== 'unlink').map((a) => (
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
              <SameMatter d={d} />
              <Text fw={600}>{t('supervision.officer.messages')}</Text>
              <Conversation messages={d.messages} empty={t('supervision.public.noMessages')} />
              <Text fw={600}>{t('supervision.officer.history')}</Text>
              <Stack gap={4} data-testid="case-history">
                {d.history.map((h) => (
                  <Text key={h.seq} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {formatDateVi(h.on)} ·{' '}
                    {h.escalatedTo ? t('supervision.officer.escalatedEntry', { unit: h.escalatedTo }) : t(`supervision.status.${h.to}`)}
                    {h.by && !h.escalatedTo ? ` · ${h.by}` : ''}
                    {h.note ? ` · ${h.note}` : ''}
                  </Text>
                ))}
              </Stack>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
