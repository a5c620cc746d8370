// The board of a unit: one row per participant with the actions it allows. A commune's board holds every cell
// and every member of the commune (~40 cells, ~1,000 people): it shows the cells (the collectives, decided first)
// and draws a cell's members only when the officer opens that cell, so a phone is not asked to render a thousand
// rows, nor to redraw them after every decision.
import { Anchor, Badge, Button, Group, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
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

export function BoardTable({ data }: { data: Board }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ p: Participant; step: Step } | null>(null);
  const groups = useMemo(() => groupByCell(data.items), [data.items]);
  // One cell (a secretary's board): everything is shown. Several: each cell opens on demand and stays open
  // across refetches, so deciding a member does not fold the list under the officer's finger.
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const single = groups.length === 1;
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('review.board.title', { unit: data.unit.name })}
      </Text>
      {data.items.length === 0 ? (
        <Text c="dimmed">{t('review.board.none')}</Text>
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
                        setOpen={(v) =>
                          setOpened((s) => {
                            const next = new Set(s);
                            if (v) next.add(g.unitId);
                            else next.delete(g.unitId);
                            return next;
                          })
                        }
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
