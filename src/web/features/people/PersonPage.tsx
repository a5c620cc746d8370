import { Anchor, Badge, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { PersonDetail } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { AddEquipmentModal, AddPositionModal, AddPostModal, CloseModal, EndModal, TransferModal } from './PersonActions';
import { EditPersonModal } from './PersonForm';

/** Buttons → the action names of the people policy (server/modules/people/policy.ts). */
const ACTIONS = {
  update: 'person.update',
  transfer: 'person.transfer',
  close: 'person.close',
  addPosition: 'person.positions',
  endPosition: 'person.positions',
  addPost: 'person.posts',
  endPost: 'person.posts',
  addEquipment: 'person.equipment',
} as const;

type Modal = { kind: 'edit' | 'transfer' | 'close' | 'addPosition' | 'addPost' | 'addEquipment' } | { kind: 'endPosition' | 'endPost'; id: string };

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function HistoryTable({ title, head, rows, empty }: { title: string; head: string[]; rows: ReactNode[][]; empty: string }) {
  return (
    <Stack gap={4}>
      <Title order={4}>{title}</Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table striped miw={420} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((cells, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
                <Table.Tr key={i}>
                  {cells.map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    <Table.Td key={j}>{c}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}

function PersonView({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const { isProvinceAdmin } = useSession();
  const [modal, setModal] = useState<Modal | null>(null);
  const { person } = detail;
  const can = (key: keyof typeof ACTIONS) => detail.actions.includes(ACTIONS[key]);
  const close = () => setModal(null);
  const buttons = (['update', 'transfer', 'addPosition', 'addPost', 'addEquipment', 'close'] as const).filter(can);
  const endButton = (kind: 'endPosition' | 'endPost', id: string, open: boolean) =>
    open && can(kind) ? (
      <Button size="compact-xs" variant="light" onClick={() => setModal({ kind, id })} data-testid={`action-${kind}`}>
        {t(`person.${kind}`)}
      </Button>
    ) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={2} data-testid="person-name">
            {person.fullName}
          </Title>
          <Group gap={6} mt={4}>
            <Badge color={person.status === 'active' ? 'green' : 'gray'} variant="light" data-testid="person-status">
              {enumLabel(t, 'status', person.status)}
              {person.statusDate ? ` · ${formatDate(person.statusDate)}` : ''}
            </Badge>
            {person.positions.map((p) => (
              <Badge key={p} color="red" variant="light">
                {enumLabel(t, 'position', p)}
              </Badge>
            ))}
            {person.posts.map((p) => (
              <Badge key={p} color="blue" variant="light">
                {enumLabel(t, 'post', p)}
              </Badge>
            ))}
          </Group>
        </div>
        {isProvinceAdmin && (
          <Anchor component={Link} to={`/audit?entityType=person&entityId=${person.id}`} size="sm" data-testid="person-audit-link">
            {t('audit.trail')}
          </Anchor>
        )}
      </Group>

      {buttons.length > 0 && (
        <Group gap="xs">
          {buttons.map((b) => (
            <Button
              key={b}
              size="xs"
              variant={b === 'update' ? 'filled' : 'light'}
              color={b === 'close' ? 'red' : undefined}
              onClick={() => setModal({ kind: b === 'update' ? 'edit' : b })}
              data-testid={`action-${b}`}
            >
              {t(`person.${b === 'update' ? 'edit' : b}`)}
            </Button>
          ))}
        </Group>
      )}

      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Field label={t('person.unit')} testId="person-unit">
            {person.unit ? (
              <Anchor component={Link} to={`/units/${person.unit.id}`}>
                {person.unit.name}
              </Anchor>
            ) : null}
          </Field>
          <Field label={t('person.birthDate')}>{formatDate(person.birthDate)}</Field>
          <Field label={t('person.sex')}>{enumLabel(t, 'sex', person.sex)}</Field>
          <Field label={t('person.ethnicity')}>{person.ethnicity}</Field>
          <Field label={t('person.partyCardNo')}>{person.partyCardNo}</Field>
          <Field label={t('person.joinedOn')}>{formatDate(person.joinedOn)}</Field>
          <Field label={t('person.officialOn')}>{formatDate(person.officialOn)}</Field>
          <Field label={t('person.cccd')}>{person.cccd}</Field>
          <Field label={t('person.phone')}>{person.phone}</Field>
          <Field label={t('person.education')}>{enumLabel(t, 'education', person.education)}</Field>
          <Field label={t('person.theoryLevel')}>{enumLabel(t, 'theoryLevel', person.theoryLevel)}</Field>
        </SimpleGrid>
      </Paper>

      <HistoryTable
        title={t('person.memberships')}
        head={[t('person.unit'), t('common.from'), t('common.to')]}
        empty={t('common.none')}
        rows={detail.memberships.map((m) => [
          <Anchor key="u" component={Link} to={`/units/${m.unitId}`}>
            {m.unitName}
          </Anchor>,
          formatDate(m.validFrom),
          formatDate(m.validTo),
        ])}
      />
      <HistoryTable
        title={t('person.positions')}
        head={[t('person.position'), t('person.unit'), t('common.from'), t('common.to'), '']}
        empty={t('common.none')}
        rows={detail.positions.map((p) => [
          enumLabel(t, 'position', p.position),
          p.unitName,
          formatDate(p.validFrom),
          formatDate(p.validTo),
          endButton('endPosition', p.id, !p.validTo),
        ])}
      />
      <HistoryTable
        title={t('person.posts')}
        head={[t('person.post'), t('person.postTitle'), t('common.from'), t('common.to'), '']}
        empty={t('common.none')}
        rows={detail.posts.map((p) => [
          enumLabel(t, 'post', p.post),
          p.title ?? '',
          formatDate(p.validFrom),
          formatDate(p.validTo),
          endButton('endPost', p.id, !p.validTo),
        ])}
      />
      <HistoryTable
        title={t('person.equipment')}
        head={[t('person.equipmentKind'), t('person.issuedOn'), t('person.returnedOn'), t('person.note')]}
        empty={t('common.none')}
        rows={detail.equipment.map((e) => [enumLabel(t, 'equipment', e.kind), formatDate(e.issuedOn), formatDate(e.returnedOn), e.note ?? ''])}
      />

      {modal?.kind === 'edit' && <EditPersonModal person={person} opened onClose={close} />}
      {modal?.kind === 'transfer' && <TransferModal person={person} opened onClose={close} />}
      {modal?.kind === 'close' && <CloseModal person={person} opened onClose={close} />}
      {modal?.kind === 'addPosition' && <AddPositionModal person={person} opened onClose={close} />}
      {modal?.kind === 'addPost' && <AddPostModal person={person} opened onClose={close} />}
      {modal?.kind === 'addEquipment' && <AddEquipmentModal person={person} opened onClose={close} />}
      {modal?.kind === 'endPosition' && <EndModal record={{ kind: 'position', id: modal.id }} title={t('person.endPosition')} opened onClose={close} />}
      {modal?.kind === 'endPost' && <EndModal record={{ kind: 'post', id: modal.id }} title={t('person.endPost')} opened onClose={close} />}
    </Stack>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['person', id], queryFn: ({ signal }) => call(api.GET('/api/people/{id}', { params: { path: { id } }, signal })) });
  return <QueryState query={query}>{(detail) => <PersonView detail={detail} />}</QueryState>;
}
