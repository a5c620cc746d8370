// Who has studied a document sent for study: per commune, and the cells that have not, with a reminder for them.
import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call, formBody } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useWrite } from '../../lib/mutation';
import { stateBadge, stateColor, type DisseminationStatus } from './api';
import { StudyModal } from './StudyList';

const n = (x: number) => x.toLocaleString('vi-VN');

function Totals({ s }: { s: DisseminationStatus }) {
  const { t } = useTranslation();
  const cards: [string, number, string][] = [
    ['cells', s.totals.cells, 'gray.9'],
    ['studied', s.totals.studied, `${stateColor.studied}.9`],
    ['studiedLate', s.totals.studiedLate, `${stateColor.studied_late}.9`],
    ['pending', s.totals.pending, `${stateColor.pending}.9`],
    ['overdue', s.totals.overdue, `${stateColor.overdue}.9`],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="dissemination-totals">
      {cards.map(([key, value, color]) => (
        <Card key={key} withBorder padding="xs">
          <Text size="xs" c="dimmed">
            {t(`documents.status.${key}`)}
          </Text>
          <Text fw={700} size="xl" c={color} data-testid={`total-${key}`}>
            {n(value)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Per commune: a table on a wide screen, cards on a phone (nothing to scroll sideways). */
function Communes({ s }: { s: DisseminationStatus }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Title order={4}>{t('documents.status.communes')}</Title>
      <Table visibleFrom="sm" striped mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documents.status.commune')}</Table.Th>
            {(['cells', 'studied', 'studiedLate', 'pending', 'overdue'] as const).map((k) => (
              <Table.Th key={k} ta="right">
                {t(`documents.status.${k}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.communes.map((c) => (
            <Table.Tr key={c.communeId ?? ''}>
              <Table.Td>{c.commune}</Table.Td>
              {(['cells', 'studied', 'studiedLate', 'pending', 'overdue'] as const).map((k) => (
                <Table.Td key={k} ta="right">
                  {n(c[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs" mt="xs" hiddenFrom="sm">
        {s.communes.map((c) => (
          <Card key={c.communeId ?? ''} withBorder padding="xs">
            <Text fw={500}>{c.commune}</Text>
            <Text size="sm">
              {t('documents.progress', { studied: n(c.studied + c.studiedLate), cells: n(c.cells) })}
              {c.overdue > 0 && ` · ${t('documents.status.overdue')}: ${n(c.overdue)}`}
            </Text>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

export function DisseminationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [confirm, setConfirm] = useState(false);
  const [recording, setRecording] = useState<{ cellId: string; cell: string } | null>(null);
  const status = useQuery({ queryKey: ['dissemination', id], queryFn: ({ signal }) => call(api.GET('/api/disseminations/{id}', { params: { path: { id } }, signal })) });
  const doc = useQuery({
    queryKey: ['document', status.data?.documentId],
    queryFn: ({ signal }) => call(api.GET('/api/documents/{id}', { params: { path: { id: status.data!.documentId } }, signal })),
    enabled: !!status.data,
  });
  const remind = useWrite(() => call(api.POST('/api/disseminations/{id}/remind', { params: { path: { id } }, body: formBody({}) })), { onSuccess: () => setConfirm(false) });
  return (
    <QueryState query={status}>
      {(s) => (
        <Stack>
          {doc.data && (
            <Anchor component={Link} to={`/documents/${s.documentId}`} size="sm">
              ← {doc.data.document.number} — {doc.data.document.title}
            </Anchor>
          )}
          <Title order={2}>{t('documents.status.title')}</Title>
          <Text c="dimmed">{t('documents.sentOn', { date: formatDateVi(s.sentOn), deadline: formatDateVi(s.deadline) })}</Text>
          {s.note && <Text>{s.note}</Text>}
          <Totals s={s} />
          {s.communes.length > 1 && <Communes s={s} />}
          <Card withBorder padding="sm">
            <Group justify="space-between" wrap="wrap">
              <Title order={4}>{t('documents.status.missing')}</Title>
              {s.actions.includes('study.remind') && s.missing.length > 0 && (
                <Button size="xs" color="red" onClick={() => setConfirm(true)} data-testid="remind">
                  {t('documents.status.remind')}
                </Button>
              )}
            </Group>
            {s.missing.length === 0 ? (
              <Text c="dimmed" mt="xs">
                {t('documents.status.allStudied')}
              </Text>
            ) : (
              <Stack gap={6} mt="xs" data-testid="missing-cells">
                {s.missing.map((m) => (
                  <Group key={m.cellId} justify="space-between" wrap="wrap" gap="xs" data-testid="missing-cell">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={500}>
                        {m.cell}
                        {m.commune ? ` — ${m.commune}` : ''}
                      </Text>
                      {m.reminders > 0 && m.remindedOn && (
                        <Text size="xs" c="dimmed">
                          {t('documents.status.remindedOn', { count: m.reminders, date: formatDateVi(m.remindedOn) })}
                        </Text>
                      )}
                    </div>
                    <Group gap="xs">
                      <Badge {...stateBadge(m.state)}>
                        {t(`documents.state.${m.state}`)}
                      </Badge>
                      {s.actions.includes('study.record') && (
                        <Button size="compact-sm" variant="default" onClick={() => setRecording({ cellId: m.cellId, cell: m.cell })}>
                          {t('documents.status.record')}
                        </Button>
                      )}
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
          <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('documents.status.remind')} data-testid="remind-confirm">
            <Text>{t('documents.status.remindConfirm', { count: n(s.missing.length) })}</Text>
            <Group justify="flex-end" mt="md">
              <Button variant="default" onClick={() => setConfirm(false)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={() => remind.mutate(undefined)} loading={remind.isPending} data-testid="remind-yes">
                {t('documents.status.remind')}
              </Button>
            </Group>
          </Modal>
          <StudyModal
            target={recording && doc.data ? { disseminationId: s.id, cellId: recording.cellId, cell: recording.cell, number: doc.data.document.number } : null}
            onClose={() => setRecording(null)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
