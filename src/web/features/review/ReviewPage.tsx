// The yearly review page, one for every role: the cycle, its progress per commune (officers and the province),
// the board of the user's unit with the actions each row allows (fill, appraise, decide, re-check), and the figures.
import { Anchor, Badge, Button, Group, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ConfirmModal } from '../../components/ConfirmModal';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { useSession } from '../../lib/session';
import { reviewApi, type Cycle, type Progress } from './api';
import { OpenCycleModal } from './OpenCycleModal';
import { ReviewError } from './ReviewError';
import { ReviewFigures } from './ReviewFigures';
import { BoardTable } from './BoardTable';
import { ImportPanel } from './ImportPanel';
import { TemplatesPanel } from './TemplatesPanel';
import { TodoPanel } from './TodoPanel';

function ProgressTable({ data, onPick }: { data: Progress; onPick: (unitId: string) => void }) {
  const { t } = useTranslation();
  if (data.communes.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('review.progress.title')}
      </Text>
      <ScrollArea>
        <Table striped miw={520} data-testid="review-progress">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('review.progress.commune')}</Table.Th>
              <Table.Th>{t('review.progress.self')}</Table.Th>
              <Table.Th>{t('review.progress.appraised')}</Table.Th>
              <Table.Th>{t('review.progress.decided')}</Table.Th>
              <Table.Th>{t('review.progress.cells')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.communes.map((c) => (
              <Table.Tr key={c.unitId}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => onPick(c.unitId)}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {c.selfDone}/{c.participants} {c.overdue.self && <Badge color="red">{t('review.progress.overdue')}</Badge>}
                </Table.Td>
                <Table.Td>
                  {c.appraised}/{c.participants} {c.overdue.appraisal && <Badge color="red">{t('review.progress.overdue')}</Badge>}
                </Table.Td>
                <Table.Td>
                  {c.decided}/{c.participants} {c.overdue.decision && <Badge color="red">{t('review.progress.overdue')}</Badge>}
                </Table.Td>
                <Table.Td>
                  {c.cellsDecided}/{c.cells}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function CycleView({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const { me, isProvinceAdmin, homeUnitId } = useSession();
  const [params, setParams] = useSearchParams();
  // The province's board would list every member of the province: the admin picks a commune first.
  const unitId = params.get('unit') ?? (isProvinceAdmin ? null : homeUnitId);
  // The province board reads a cycle's figures for the unit that opened it: for the years before the 2025 reform,
  // the old province (old Tuyên Quang, old Hà Giang), read as the province's history.
  const figuresUnitId = params.get('unit') ?? (isProvinceAdmin ? cycle.unitId : homeUnitId);
  const memberOnly = me.roles.every((r) => r.role === 'member');
  const [closeError, setCloseError] = useState<unknown>(null);
  const progress = useQuery({ queryKey: ['review-progress', cycle.id], queryFn: () => reviewApi.progress(cycle.id), enabled: !memberOnly });
  const board = useQuery({ queryKey: ['review-board', cycle.id, unitId], queryFn: () => reviewApi.board(cycle.id, unitId!), enabled: !!unitId });
  const [confirmClose, setConfirmClose] = useState(false);
  const close = useWrite(() => reviewApi.close(cycle.id), { onSuccess: () => setConfirmClose(false), onError: (e) => (setConfirmClose(false), setCloseError(e)) });
  const totals = (progress.data?.communes ?? []).reduce(
    (s, c) => ({ participants: s.participants + c.participants, decided: s.decided + c.decided, cells: s.cells + c.cells, cellsDecided: s.cellsDecided + c.cellsDecided }),
    { participants: 0, decided: 0, cells: 0, cellsDecided: 0 },
  );
  // A link to a step (the home page, the to-do) scrolls to the board it opened, once it is drawn (defect 6).
  const boardRef = useRef<HTMLDivElement>(null);
  const focus = params.get('focus') ?? params.get('step');
  useEffect(() => {
    if (focus && board.data) boardRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focus, board.data, unitId]);
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Badge color={cycle.status === 'open' ? 'green' : 'gray'}>{t(`review.cycleStatus.${cycle.status}`)}</Badge>
        <Text size="sm">
          {t('review.deadlines', { self: formatDate(cycle.selfDue), cell: formatDate(cycle.cellDue), decision: formatDate(cycle.decisionDue) })}
        </Text>
        {isProvinceAdmin && cycle.status === 'open' && (
          <Button size="compact-sm" variant="light" color="gray" onClick={() => setConfirmClose(true)} loading={close.isPending} data-testid="close-cycle">
            {t('review.close')}
          </Button>
        )}
      </Group>
      <ConfirmModal
        opened={confirmClose}
        title={t('review.closeConfirm.title', { title: cycle.title })}
        confirmLabel={t('review.closeConfirm.ok')}
        onConfirm={() => close.mutate(undefined)}
        onCancel={() => setConfirmClose(false)}
        loading={close.isPending}
        danger
        testId="confirm-close-cycle"
      >
        <Stack gap={4}>
          <Text size="sm">{t('review.closeConfirm.members', { decided: totals.decided, count: totals.participants, missing: totals.participants - totals.decided })}</Text>
          <Text size="sm">{t('review.closeConfirm.cells', { decided: totals.cellsDecided, count: totals.cells, missing: totals.cells - totals.cellsDecided })}</Text>
          <Text size="sm" fw={600}>
            {t('review.closeConfirm.effect')}
          </Text>
        </Stack>
      </ConfirmModal>
      <ReviewError error={closeError} />
      {!memberOnly && <QueryState query={progress}>{(d) => <ProgressTable data={d} onPick={(id) => setParams({ unit: id })} />}</QueryState>}
      <div ref={boardRef} style={{ scrollMarginTop: 64 }}>
        {unitId && <QueryState query={board}>{(d) => <BoardTable key={unitId} data={d} step={params.get('step')} openSelf={params.get('self') === '1'} />}</QueryState>}
      </div>
      {!memberOnly && figuresUnitId && <ReviewFigures unitId={figuresUnitId} year={cycle.year} />}
    </Stack>
  );
}

export function ReviewPage() {
  const { t } = useTranslation();
  const { me, isProvinceAdmin, homeUnitId } = useSession();
  const provinceUnitId = me.roles.find((r) => r.role === 'province_admin')?.unitId ?? null;
  const [importing, setImporting] = useState(false);
  const [editingTemplates, setEditingTemplates] = useState(false);
  const cycles = useQuery({ queryKey: ['review-cycles'], queryFn: reviewApi.cycles });
  const [params, setParams] = useSearchParams();
  const [picked, setPicked] = useState<string | null>(params.get('cycle'));
  const [opening, setOpening] = useState(false);
  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('review.title')}</Title>
        {isProvinceAdmin && (
          <Group gap="xs" wrap="wrap">
            <Button variant="light" onClick={() => setEditingTemplates((v) => !v)} aria-expanded={editingTemplates} data-testid="review-templates-toggle">
              {t('review.templates.button')}
            </Button>
            <Button variant="light" onClick={() => setImporting((v) => !v)} data-testid="review-import-toggle">
              {t('review.import.button')}
            </Button>
            <Button onClick={() => setOpening(true)} data-testid="open-cycle">
              {t('review.open.button')}
            </Button>
          </Group>
        )}
      </Group>
      {isProvinceAdmin && editingTemplates && provinceUnitId && <TemplatesPanel unitId={provinceUnitId} />}
      {isProvinceAdmin && importing && homeUnitId && <ImportPanel unitId={homeUnitId} />}
      <TodoPanel
        onPick={(cycleId, unitId, step) => {
          setPicked(cycleId);
          setParams({ cycle: cycleId, unit: unitId, step, focus: String(Date.now()) });
        }}
      />
      <QueryState query={cycles}>
        {({ items }) => {
          if (items.length === 0) return <Text c="dimmed">{t('review.noCycle')}</Text>;
          const cycle = items.find((c) => c.id === picked) ?? items[0];
          return (
            <Stack gap="sm">
              <Select
                label={t('review.cycle')}
                data={items.map((c) => ({ value: c.id, label: `${c.title} (${c.year})` }))}
                value={cycle.id}
                onChange={setPicked}
                allowDeselect={false}
                maw={420}
                data-testid="cycle-select"
              />
              <CycleView key={cycle.id} cycle={cycle} />
            </Stack>
          );
        }}
      </QueryState>
      {opening && (
        <OpenCycleModal
          onClose={() => setOpening(false)}
          onOpened={(c) => {
            setOpening(false);
            setPicked(c.id);
          }}
        />
      )}
    </Stack>
  );
}
