// The board of a unit: one row per participant with the actions it allows. A commune's board holds every cell
// and every member of the commune (~40 cells, ~1,000 people): it shows the cells (the collectives, decided first)
// and draws a cell's members only when the officer opens that cell, so a phone is not asked to render a thousand
// rows, nor to redraw them after every decision.
import { Anchor, Badge, Button, Card, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Board, Participant } from './api';
import { isStep, levelOf, StepDialog, type Step } from './StepModals';

const statusColor = { pending: 'gray', self_done: 'blue', appraised: 'orange', decided: 'green', contested: 'red' } as const;

type Open = (o: { p: Participant; step: Step }) => void;

/** The participants of one cell, in the server's order: the cell itself (when it takes part), then its people. */
interface CellGroup {
  unitId: string;
  cell: Participant | null;
  people: Participant[];
}

function groupByCell(items: Participant[]): CellGroup[] {
  const groups = new Map<string, CellGroup>();
  for (const p of items) {
    let g = groups.get(p.unitId);
    if (!g) groups.set(p.unitId, (g = { unitId: p.unitId, cell: null, people: [] }));
    if (p.kind === 'cell') g.cell = p;
    else g.people.push(p);
  }
  return [...groups.values()];
}

function BoardRow({ p, onOpen, toggle }: { p: Participant; onOpen: Open; toggle?: React.ReactNode }) {
  const { t } = useTranslation();
  const name = p.kind === 'cell' ? t('review.board.cellItself', { name: p.unitName }) : p.fullName;
  return (
    <Table.Tr data-testid={`review-row-${p.kind === 'cell' ? 'cell' : p.fullName}`}>
      <Table.Td>
        <Text size="sm" fw={p.kind === 'cell' ? 700 : 400} pl={p.kind === 'cell' ? 0 : 'sm'}>
          {name}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`review.groups.${p.group}`)} · {t('review.board.form', { form: p.form })}
        </Text>
        {toggle}
      </Table.Td>
      <Table.Td>
        <Badge color={statusColor[p.status]} data-testid="row-status">
          {t(`review.status.${p.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{p.self ? p.self.total : '—'}</Table.Td>
      <Table.Td>{levelOf(t, p.appraisal?.proposedLevel)}</Table.Td>
      <Table.Td data-testid="row-final">
        {levelOf(t, p.finalLevel)}
        {p.finalLevel && !p.levelFinal && (
          <Text size="xs" c="dimmed">
            {p.complaint?.status === 'waiting' ? t('review.board.awaitingRecheck') : p.complaintUntil ? t('review.board.contestableUntil', { date: formatDate(p.complaintUntil) }) : null}
          </Text>
        )}
        {p.decision?.kind === 'recheck' && (
          <Text size="xs" c="dimmed">
            {t('review.board.rechecked')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap">
          {p.actions.filter(isStep).map((a) => (
            <Button key={a} size="compact-xs" onClick={() => onOpen({ p, step: a })} data-testid={`action-${a}`}>
              {t(`review.actions.${a}`)}
            </Button>
          ))}
          <Anchor size="xs" href={`/api/review/participants/${p.id}/form.pdf`} target="_blank" data-testid="form-pdf">
            PDF
          </Anchor>
          <Anchor size="xs" href={`/api/review/participants/${p.id}/form.xlsx`} data-testid="form-xlsx">
            Excel
          </Anchor>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * On a phone a participant is a card: the name in full, the status as words (never a badge cut to "CHƯA TỰ ĐÁ…"),
 * and the actions as full-width buttons under the finger (defect 1 of issue 14: the self-assessment sat off-screen).
 */
function BoardCard({ p, onOpen, toggle }: { p: Participant; onOpen: Open; toggle?: React.ReactNode }) {
  const { t } = useTranslation();
  const name = p.kind === 'cell' ? t('review.board.cellItself', { name: p.unitName }) : p.fullName;
  const steps = p.actions.filter(isStep);
  return (
    <Card withBorder padding="sm" radius="md" data-testid={`review-card-${p.kind === 'cell' ? 'cell' : p.fullName}`}>
      <Stack gap={6}>
        <Text size="sm" fw={p.kind === 'cell' ? 700 : 600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`review.groups.${p.group}`)} · {t('review.board.form', { form: p.form })}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Badge color={statusColor[p.status]} variant="light" style={{ textTransform: 'none', height: 'auto', whiteSpace: 'normal' }} data-testid="row-status">
            {t(`review.status.${p.status}`)}
          </Badge>
          {p.self && <Text size="xs">{t('review.board.score')}: {p.self.total}</Text>}
          {p.finalLevel && (
            <Text size="xs" data-testid="row-final">
              {t('review.board.final')}: {levelOf(t, p.finalLevel)}
            </Text>
          )}
        </Group>
        {steps.map((a) => (
          <Button key={a} fullWidth onClick={() => onOpen({ p, step: a })} data-testid={`action-${a}`}>
            {t(`review.actions.${a}`)}
          </Button>
        ))}
        <Group gap="md">
          <Anchor size="xs" href={`/api/review/participants/${p.id}/form.pdf`} target="_blank" data-testid="form-pdf">
            PDF
          </Anchor>
          <Anchor size="xs" href={`/api/review/participants/${p.id}/form.xlsx`} data-testid="form-xlsx">
            Excel
          </Anchor>
        </Group>
        {toggle}
      </Stack>
    </Card>
  );
}

function BoardCards({ groups, single, items, onOpen, opened, setOpen }: { groups: CellGroup[]; single: boolean; items: Participant[]; onOpen: Open; opened: ReadonlySet<string>; setOpen: (unitId: string, v: boolean) => void }) {
  const { t } = useTranslation();
  if (single)
    return (
      <Stack gap="xs" data-testid="review-board">
        {items.map((p) => (
          <BoardCard key={p.id} p={p} onOpen={onOpen} />
        ))}
      </Stack>
    );
  return (
    <Stack gap="xs" data-testid="review-board">
      {groups.map((g) => {
        const open = opened.has(g.unitId);
        const waiting = g.people.filter((p) => p.actions.length > 0).length;
        const toggle = g.people.length > 0 && (
          <Button size="compact-sm" variant="subtle" px={0} onClick={() => setOpen(g.unitId, !open)} aria-expanded={open} data-testid="members-toggle">
            {t(open ? 'review.board.hideMembers' : 'review.board.showMembers', { count: g.people.length })}
            {!open && waiting > 0 && ` · ${t('review.board.waiting', { count: waiting })}`}
          </Button>
        );
        return (
          <Stack key={g.unitId} gap={6}>
            {g.cell ? (
              <BoardCard p={g.cell} onOpen={onOpen} toggle={toggle} />
            ) : (
              <Card withBorder padding="sm">
                <Text size="sm" fw={700}>
                  {g.people[0]?.unitName}
                </Text>
                {toggle}
              </Card>
            )}
            {open && (
              <Stack gap={6} pl="sm">
                {g.people.map((p) => (
                  <BoardCard key={p.id} p={p} onOpen={onOpen} />
                ))}
              </Stack>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** A cell's row and, once opened, its people. Waiting actions among the people are counted on the closed row. */
function CellRows({ g, onOpen, open, setOpen }: { g: CellGroup; onOpen: Open; open: boolean; setOpen: (v: boolean) => void }) {
  const { t } = useTranslation();
  const waiting = g.people.filter((p) => p.actions.length > 0).length;
  const toggle = g.people.length > 0 && (
    <Button size="compact-xs" variant="subtle" mt={4} px={0} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="members-toggle">
      {t(open ? 'review.board.hideMembers' : 'review.board.showMembers', { count: g.people.length })}
      {!open && waiting > 0 && ` · ${t('review.board.waiting', { count: waiting })}`}
    </Button>
  );
  return (
    <>
      {g.cell ? <BoardRow p={g.cell} onOpen={onOpen} toggle={toggle} /> : (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Text size="sm" fw={700}>
              {g.people[0]?.unitName}
            </Text>
            {toggle}
          </Table.Td>
        </Table.Tr>
      )}
      {open && g.people.map((p) => <BoardRow key={p.id} p={p} onOpen={onOpen} />)}
    </>
  );
}

/**
 * `step`: the step a link asked for (the home page's or the to-do's "decide: 5 records"): the cells with that step
 * waiting open by themselves. `openSelf`: the reader's own self-assessment opens at once (two taps from home).
 */
export function BoardTable({ data, step, openSelf }: { data: Board; step?: string | null; openSelf?: boolean }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const { me } = useSession();
  const [dialog, setDialog] = useState<{ p: Participant; step: Step } | null>(null);
  const groups = useMemo(() => groupByCell(data.items), [data.items]);
  // One cell (a secretary's board): everything is shown. Several: each cell opens on demand and stays open
  // across refetches, so deciding a member does not fold the list under the officer's finger.
  const [opened, setOpened] = useState<ReadonlySet<string>>(
    () => new Set(step ? groupByCell(data.items).filter((g) => g.people.some((p) => p.actions.includes(step))).map((g) => g.unitId) : []),
  );
  const setOpen = (unitId: string, v: boolean) =>
    setOpened((s) => {
      const next = new Set(s);
      if (v) next.add(unitId);
      else next.delete(unitId);
      return next;
    });
  const single = groups.length === 1;
  const selfOpened = useRef(false);
  useEffect(() => {
    if (!openSelf || selfOpened.current) return;
    // The reader's own row (a secretary also fills for the cell and members without an account).
    const own = data.items.filter((p) => p.actions.includes('self') && p.personId !== null && p.personId === me.personId);
    if (own.length === 1) {
      selfOpened.current = true;
      setDialog({ p: own[0], step: 'self' });
    }
  }, [openSelf, data.items, me.personId]);
  return (
    <Paper withBorder p={phone ? 'xs' : 'sm'}>
      <Text fw={600} mb="xs">
        {t('review.board.title', { unit: data.unit.name })}
      </Text>
      {data.items.length === 0 ? (
        <Text c="dimmed">{t('review.board.none')}</Text>
      ) : phone ? (
        <BoardCards groups={groups} single={single} items={data.items} onOpen={setDialog} opened={opened} setOpen={setOpen} />
      ) : (
        <ScrollArea>
          <Table striped miw={640} data-testid="review-board">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('review.board.name')}</Table.Th>
                <Table.Th>{t('review.board.status')}</Table.Th>
                <Table.Th>{t('review.board.score')}</Table.Th>
                <Table.Th>{t('review.board.proposed')}</Table.Th>
                <Table.Th>{t('review.board.final')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {single
                ? data.items.map((p) => <BoardRow key={p.id} p={p} onOpen={setDialog} />)
                : groups.map((g) => (
                    <Fragment key={g.unitId}>
                      <CellRows
                        g={g}
                        onOpen={setDialog}
                        open={opened.has(g.unitId)}
                        setOpen={(v) => setOpen(g.unitId, v)}
                      />
                    </Fragment>
                  ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {dialog && <StepDialog participant={dialog.p} step={dialog.step} templates={data.cycle.templates} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
