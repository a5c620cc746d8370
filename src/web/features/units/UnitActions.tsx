import { Button, Group, MultiSelect, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CellKind, UnitKind } from '../../../domain/enums';
import { api, call, formBody } from '../../api/client';
import type { UnitDetail } from '../../api/types';
import { DateField } from '../../components/DateField';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { enumOptions } from '../../lib/enums';
import { formatDate, todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';

type ModalProps = { detail: UnitDetail; opened: boolean; onClose: () => void };

/**
 * The second step of an action with a wide effect (move, merge, split, dissolve): the form's submit only opens a
 * confirmation that says what will happen, with counts; the write runs when that is confirmed.
 */
function useConfirmStep(write: { mutate: (v: undefined, o?: { onSettled?: () => void }) => void; isPending: boolean }) {
  const [asking, setAsking] = useState(false);
  return {
    ask: () => setAsking(true),
    props: {
      opened: asking,
      onCancel: () => setAsking(false),
      onConfirm: () => write.mutate(undefined, { onSettled: () => setAsking(false) }),
      loading: write.isPending,
      testId: 'unit-confirm',
    },
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Which kinds may sit under a unit of this kind. */
function childKinds(kind: UnitKind): UnitKind[] {
  if (kind === 'province') return ['commune', 'ward'];
  if (kind === 'commune' || kind === 'ward') return ['cell'];
  return [];
}

export function canHaveChildren(kind: UnitKind): boolean {
  return childKinds(kind).length > 0;
}

export function CreateUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const kinds = childKinds(detail.unit.kind);
  const initial = { name: '', code: '', kind: kinds[0] ?? 'cell', cellKind: 'village' as string | null, validFrom: todayIso() as string | null };
  const form = useForm(initial);
  const write = useWrite(
    () =>
      call(
        api.POST('/api/units', {
          body: formBody({
            parentId: detail.unit.id,
            kind: form.values.kind,
            cellKind: form.values.kind === 'cell' ? form.values.cellKind : undefined,
            name: form.values.name.trim(),
            code: blankToNull(form.values.code) ?? undefined,
            validFrom: form.values.validFrom,
          }),
        }),
      ),
    {
      onSuccess: () => {
        form.reset();
        onClose();
      },
      onError: form.showError,
    },
  );
  return (
    <FormModal
      title={kinds.includes('cell') ? t('units.addCell') : t('units.addUnit')}
      opened={opened}
      onClose={onClose}
      onSubmit={() => write.mutate(undefined)}
      loading={write.isPending}
      formError={form.formError}
      testId="unit-create-modal"
    >
      <TextInput label={t('units.name')} required {...form.text('name')} data-testid="unit-name" />
      <Select label={t('units.kind')} data={enumOptions(t, 'unitKind', kinds)} {...form.choice('kind')} allowDeselect={false} disabled={kinds.length < 2} />
      {form.values.kind === 'cell' && (
        <Select label={t('units.cellKind')} data={enumOptions(t, 'cellKind')} {...form.choice('cellKind')} allowDeselect={false} />
      )}
      <TextInput label={t('units.code')} {...form.text('code')} />
      <DateField label={t('units.validFrom')} required {...form.choice('validFrom')} />
    </FormModal>
  );
}

export function RenameUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const form = useForm({ name: detail.unit.name, date: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/units/{id}/rename', { params: { path: { id: detail.unit.id } }, body: formBody({ name: form.values.name.trim(), date: form.values.date }) })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('units.rename')} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      <TextInput label={t('units.newName')} required {...form.text('name')} data-testid="unit-name" />
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
    </FormModal>
  );
}

export function DissolveUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({ reason: '', date: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/units/{id}/dissolve', { params: { path: { id: detail.unit.id } }, body: formBody({ reason: form.values.reason.trim(), date: form.values.date }) })),
    {
      onSuccess: () => {
        onClose();
        if (detail.unit.parentId) navigate(`/units/${detail.unit.parentId}`);
      },
      onError: form.showError,
    },
  );
  const confirm = useConfirmStep(write);
  return (
    <FormModal
      title={t('units.dissolve')}
      opened={opened}
      onClose={onClose}
      onSubmit={confirm.ask}
      loading={write.isPending}
      formError={form.formError}
      submitLabel={t('units.dissolve')}
      danger
    >
      <Text size="sm">{t('units.dissolveHint', { name: detail.unit.name })}</Text>
      <Textarea label={t('units.reason')} required autosize minRows={2} {...form.text('reason')} />
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
      <ConfirmModal {...confirm.props} title={t('units.confirm.dissolveTitle')} confirmLabel={t('units.dissolve')} danger>
        {t('units.confirm.dissolve', {
          name: detail.unit.name,
          children: detail.children.filter((c) => !c.validTo).length,
          members: detail.figures.members,
          date: formatDate(form.values.date),
        })}
      </ConfirmModal>
    </FormModal>
  );
}

export function MoveUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const form = useForm({ parentId: null as string | null, date: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/units/{id}/move', { params: { path: { id: detail.unit.id } }, body: formBody({ parentId: form.values.parentId, date: form.values.date }) })),
    { onSuccess: onClose, onError: form.showError },
  );
  const parentKind: UnitKind | undefined = detail.unit.kind === 'commune' || detail.unit.kind === 'ward' ? 'province' : undefined;
  const [parentName, setParentName] = useState('');
  const confirm = useConfirmStep(write);
  return (
    <FormModal title={t('units.move')} opened={opened} onClose={onClose} onSubmit={confirm.ask} loading={write.isPending} formError={form.formError} submitLabel={t('units.move')}>
      <UnitPicker
        label={t('units.newParent')}
        required
        kind={parentKind}
        value={form.values.parentId}
        onChange={(id, unit) => {
          form.setField('parentId', id);
          setParentName(unit?.name ?? '');
        }}
        error={form.errors.parentId}
      />
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
      <ConfirmModal {...confirm.props} title={t('units.confirm.moveTitle')} confirmLabel={t('units.move')}>
        {t('units.confirm.move', {
          name: detail.unit.name,
          children: detail.children.filter((c) => !c.validTo).length,
          members: detail.figures.members,
          parent: parentName || '…',
          date: formatDate(form.values.date),
        })}
      </ConfirmModal>
    </FormModal>
  );
}

/** Merge this unit with some of its siblings into a new unit (the action sits on each source unit). */
export function MergeUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const parent = useQuery({
    queryKey: ['unit', detail.unit.parentId, ''],
    queryFn: () => call(api.GET('/api/units/{id}', { params: { path: { id: detail.unit.parentId ?? '' } } })),
    enabled: opened && !!detail.unit.parentId,
  });
  const siblings = (parent.data?.children ?? []).filter((u) => !u.validTo);
  const candidates = siblings.some((u) => u.id === detail.unit.id) ? siblings : [{ id: detail.unit.id, name: detail.unit.name, kind: detail.unit.kind }, ...siblings];
  const form = useForm({
    sourceIds: [detail.unit.id],
    name: '',
    code: '',
    cellKind: (detail.unit.cellKind ?? 'village') as CellKind | null,
    date: todayIso() as string | null,
  });
  const mergingCells = candidates.some((c) => form.values.sourceIds.includes(c.id) && c.kind === 'cell');
  const write = useWrite(
    () =>
      call(
        api.POST('/api/units/merge', {
          body: formBody({
            sourceIds: form.values.sourceIds,
            name: form.values.name.trim(),
            code: blankToNull(form.values.code) ?? undefined,
            cellKind: mergingCells ? form.values.cellKind : undefined,
            date: form.values.date,
          }),
        }),
      ),
    {
      onSuccess: (res) => {
        onClose();
        navigate(`/units/${res.unit.id}`);
      },
      onError: form.showError,
    },
  );
  const confirm = useConfirmStep(write);
  const chosen = candidates.filter((c) => form.values.sourceIds.includes(c.id));
  // Members of the chosen units: the siblings' counts from the parent's children, this unit's own figures.
  const memberTotal = chosen.reduce((n, c) => n + (c.id === detail.unit.id ? detail.figures.members : ('memberCount' in c ? c.memberCount : 0)), 0);
  return (
    <FormModal title={t('units.merge')} opened={opened} onClose={onClose} onSubmit={confirm.ask} loading={write.isPending} formError={form.formError} submitLabel={t('units.merge')}>
      <MultiSelect
        label={t('units.mergeSources')}
        description={t('units.mergeSourcesHint')}
        data={candidates.map((c) => ({ value: c.id, label: c.name }))}
        value={form.values.sourceIds}
        onChange={(v) => form.setField('sourceIds', v)}
        error={form.errors.sourceIds}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput label={t('units.mergedName')} required {...form.text('name')} />
      <TextInput label={t('units.code')} {...form.text('code')} />
      {mergingCells && <Select label={t('units.cellKind')} data={enumOptions(t, 'cellKind')} {...form.choice('cellKind')} allowDeselect={false} />}
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
      <ConfirmModal {...confirm.props} title={t('units.confirm.mergeTitle')} confirmLabel={t('units.merge')}>
        {t('units.confirm.merge', {
          count: chosen.length,
          names: chosen.map((c) => c.name).join(', '),
          members: memberTotal,
          name: form.values.name.trim() || '…',
          date: formatDate(form.values.date),
        })}
      </ConfirmModal>
    </FormModal>
  );
}

/** Split a cell in two: every current member goes to exactly one part. */
export function SplitUnitModal({ detail, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const members = useQuery({
    queryKey: ['people', 'split', detail.unit.id],
    queryFn: () => call(api.GET('/api/people', { params: { query: { unitId: detail.unit.id, status: 'active', limit: 200 } } })),
    enabled: opened,
  });
  const [assign, setAssign] = useState<Record<string, '0' | '1'>>({});
  const form = useForm({ name0: '', code0: '', name1: '', code1: '', date: todayIso() as string | null }, [
    'parts.0.name',
    'parts.0.code',
    'parts.1.name',
    'parts.1.code',
  ]);
  const people = members.data?.items ?? [];
  const write = useWrite(
    () =>
      call(
        api.POST('/api/units/{id}/split', {
          params: { path: { id: detail.unit.id } },
          body: formBody({
          date: form.values.date,
          parts: (['0', '1'] as const).map((part) => ({
            name: (part === '0' ? form.values.name0 : form.values.name1).trim(),
            code: blankToNull(part === '0' ? form.values.code0 : form.values.code1) ?? undefined,
            personIds: people.filter((p) => (assign[p.id] ?? '0') === part).map((p) => p.id),
          })),
          }),
        }),
      ),
    {
      onSuccess: () => {
        onClose();
        if (detail.unit.parentId) navigate(`/units/${detail.unit.parentId}`);
      },
      onError: form.showError,
    },
  );
  const confirm = useConfirmStep(write);
  // Server paths look like `parts.0.name`: show them on the matching input.
  const partError = (i: number, field: string) => form.errors[`parts.${i}.${field}`];
  return (
    <FormModal title={t('units.split')} opened={opened} onClose={onClose} onSubmit={confirm.ask} loading={write.isPending} formError={form.formError} submitLabel={t('units.split')} size="lg">
      <ConfirmModal {...confirm.props} title={t('units.confirm.splitTitle')} confirmLabel={t('units.split')}>
        {t('units.confirm.split', {
          name: detail.unit.name,
          part1: form.values.name0.trim() || '…',
          part2: form.values.name1.trim() || '…',
          n1: people.filter((p) => (assign[p.id] ?? '0') === '0').length,
          n2: people.filter((p) => assign[p.id] === '1').length,
          date: formatDate(form.values.date),
        })}
      </ConfirmModal>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap="xs">
          <TextInput label={t('units.partName', { n: 1 })} required {...form.text('name0')} error={form.errors.name0 ?? partError(0, 'name')} />
          <TextInput label={t('units.code')} {...form.text('code0')} error={form.errors.code0 ?? partError(0, 'code')} />
        </Stack>
        <Stack gap="xs">
          <TextInput label={t('units.partName', { n: 2 })} required {...form.text('name1')} error={form.errors.name1 ?? partError(1, 'name')} />
          <TextInput label={t('units.code')} {...form.text('code1')} error={form.errors.code1 ?? partError(1, 'code')} />
        </Stack>
      </SimpleGrid>
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
      <Text size="sm" fw={600}>
        {t('units.splitMembers')}
      </Text>
      <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars>
        <Stack gap={4}>
          {people.map((p) => (
            <Group key={p.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate>
                {p.fullName}
              </Text>
              <SegmentedControl
                size="xs"
                value={assign[p.id] ?? '0'}
                onChange={(v) => setAssign((a) => ({ ...a, [p.id]: v === '1' ? '1' : '0' }))}
                data={[
                  { value: '0', label: t('units.partShort', { n: 1 }) },
                  { value: '1', label: t('units.partShort', { n: 2 }) },
                ]}
              />
            </Group>
          ))}
          {members.isSuccess && people.length === 0 && <Text c="dimmed">{t('people.none')}</Text>}
        </Stack>
      </ScrollArea.Autosize>
    </FormModal>
  );
}

const modalFor: Record<string, (p: ModalProps) => React.JSX.Element> = {
  'unit.create': CreateUnitModal,
  'unit.rename': RenameUnitModal,
  'unit.move': MoveUnitModal,
  'unit.merge': MergeUnitModal,
  'unit.split': SplitUnitModal,
  'unit.dissolve': DissolveUnitModal,
};

/** One button per action the server allows on this unit. */
export function UnitActionButtons({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const shown = Object.keys(modalFor).filter((a) => detail.actions.includes(a) && (a !== 'unit.create' || canHaveChildren(detail.unit.kind)));
  if (shown.length === 0) return null;
  const Active = open ? modalFor[open] : undefined;
  return (
    <>
      <Group gap="xs">
        {shown.map((a) => (
          <Button
            key={a}
            size="xs"
            variant={a === 'unit.create' ? 'filled' : 'light'}
            color={a === 'unit.dissolve' ? 'red' : undefined}
            onClick={() => setOpen(a)}
            data-testid={`action-${a.replace('.', '-')}`}
          >
            {a === 'unit.create' && detail.unit.kind !== 'province' ? t('units.addCell') : t(`units.actions.${a.split('.')[1]}`)}
          </Button>
        ))}
      </Group>
      {Active && open && <Active key={open} detail={detail} opened onClose={() => setOpen(null)} />}
    </>
  );
}
