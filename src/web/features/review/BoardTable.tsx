// The board of a unit: one row per participant with the actions it allows. A commune's board holds every cell
// and every member of the commune (~40 cells, ~1,000 people): it shows the cells (the collectives, decided first)
// and draws a cell's members only when the officer opens that cell, so a phone is not asked to render a thousand
// rows, nor to redraw them after every decision.
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Column, type Layout, ResponsiveTable, useWide } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Board, Participant } from './api';
import { isStep, levelOf, StepDialog, type Step } from './StepModals';
import { DownloadButton } from '../../components/DownloadButton';

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

/** One line of the board: a participant (a cell itself or a member), or a cell's heading when the cell does not take part. */
type Line = { key: string; p: Participant; toggle?: ReactNode; member: boolean } | { key: string; p: null; heading: string; toggle: ReactNode };

function nameOf(t: TFunction, p: Participant) {
  return p.kind === 'cell' ? t('review.board.cellItself', { name: p.unitName }) : p.fullName;
}

/** The cell's "show its N members" switch, with the waiting actions counted while it is closed. */
function Toggle({ g, open, setOpen }: { g: CellGroup; open: boolean; setOpen: (v: boolean) => void }) {
  const { t } = useTranslation();
  const waiting = g.people.filter((p) => p.actions.length > 0).length;
  return (
    <Button size="compact-sm" variant="subtle" mt={4} px={0} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="members-toggle">
      {t(open ? 'review.board.hideMembers' : 'review.board.showMembers', { count: g.people.length })}
      {!open && waiting > 0 && ` · ${t('review.board.waiting', { count: waiting })}`}
    </Button>
  );
}

function boardColumns(t: TFunction): Column<Line>[] {
  return [
    {
      key: 'name',
      header: t('review.board.name'),
      primary: true,
      cell: (l) =>
        l.p && (
          <>
            <Text size="sm" fw={l.p.kind === 'cell' ? 700 : 600}>
              {nameOf(t, l.p)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`review.groups.${l.p.group}`)} · {t('review.board.form', { form: l.p.form })}
            </Text>
            {l.toggle}
          </>
        ),
    },
    {
      key: 'status',
      header: t('review.board.status'),
      bare: true,
      // The status in words, never a badge cut to "CHƯA TỰ ĐÁ…".
      cell: (l) =>
        l.p && (
          <Badge color={statusColor[l.p.status]} variant="light" style={{ textTransform: 'none', height: 'auto', whiteSpace: 'normal' }} data-testid="row-status">
            {t(`review.status.${l.p.status}`)}
          </Badge>
        ),
    },
    { key: 'score', header: t('review.board.score'), cell: (l, layout) => (l.p?.self ? l.p.self.total : layout === 'table' ? '—' : null) },
    { key: 'proposed', header: t('review.board.proposed'), cell: (l, layout) => (l.p?.appraisal?.proposedLevel || layout === 'table' ? levelOf(t, l.p?.appraisal?.proposedLevel) : null) },
    {
      key: 'final',
      header: t('review.board.final'),
      cell: (l, layout) =>
        l.p && (l.p.finalLevel || layout === 'table') ? (
          <div data-testid="row-final">
            {levelOf(t, l.p.finalLevel)}
            {l.p.finalLevel && !l.p.levelFinal && (
              <Text size="xs" c="dimmed">
                {l.p.complaint?.status === 'waiting' ? t('review.board.awaitingRecheck') : l.p.complaintUntil ? t('review.board.contestableUntil', { date: formatDate(l.p.complaintUntil) }) : null}
              </Text>
            )}
            {l.p.decision?.kind === 'recheck' && (
              <Text size="xs" c="dimmed">
                {t('review.board.rechecked')}
              </Text>
            )}
          </div>
        ) : null,
    },
  ];
}

/** The row's steps (full-width buttons under the finger on a phone) and its form as PDF/Excel. */
function Actions({ p, onOpen, layout }: { p: Participant; onOpen: Open; layout: Layout }) {
  const { t } = useTranslation();
  const card = layout === 'card';
  const steps = p.actions.filter(isStep).map((a) => (
    <Button key={a} size={card ? 'sm' : 'compact-xs'} fullWidth={card} onClick={() => onOpen({ p, step: a })} data-testid={`action-${a}`}>
      {t(`review.actions.${a}`)}
    </Button>
  ));
  const files = (
    <>
      <DownloadButton size="compact-xs" variant="subtle" href={`/api/review/participants/${p.id}/form.pdf`} data-testid="form-pdf">
        PDF
      </DownloadButton>
      <DownloadButton size="compact-xs" variant="subtle" href={`/api/review/participants/${p.id}/form.xlsx`} data-testid="form-xlsx">
        Excel
      </DownloadButton>
    </>
  );
  return card ? (
    <Stack gap={6}>
      {steps}
      <Group gap="md">{files}</Group>
    </Stack>
  ) : (
    <Group gap={4} wrap="wrap">
      {steps}
      {files}
    </Group>
  );
}

/**
 * `step`: the step a link asked for (the home page's or the to-do's "decide: 5 records"): the cells with that step
 * waiting open by themselves. `openSelf`: the reader's own self-assessment opens at once (two taps from home).
 */
export function BoardTable({ data, step, openSelf }: { data: Board; step?: string | null; openSelf?: boolean }) {
  const { t } = useTranslation();
  const phone = !useWide();
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
  const columns = useMemo(() => boardColumns(t), [t]);
  // One cell: every participant in the server's order. Several: each cell's line, then its people once opened.
  const lines: Line[] = single
    ? data.items.map((p) => ({ key: p.id, p, member: false }))
    : groups.flatMap((g): Line[] => {
        const open = opened.has(g.unitId);
        const toggle = g.people.length > 0 ? <Toggle g={g} open={open} setOpen={(v) => setOpen(g.unitId, v)} /> : undefined;
        const head: Line = g.cell ? { key: g.cell.id, p: g.cell, toggle, member: false } : { key: `h-${g.unitId}`, p: null, heading: g.people[0]?.unitName ?? '', toggle };
        return [head, ...(open ? g.people.map((p): Line => ({ key: p.id, p, member: true })) : [])];
      });
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
      ) : (
        <ResponsiveTable
          rows={lines}
          rowKey={(l) => l.key}
          columns={columns}
          minWidth={640}
          testId="review-board"
          indent={(l) => l.p !== null && l.member}
          section={(l) =>
            l.p === null ? (
              <>
                <Text size="sm" fw={700}>
                  {l.heading}
                </Text>
                {l.toggle}
              </>
            ) : null
          }
          actions={(l, layout) => l.p && <Actions p={l.p} onOpen={setDialog} layout={layout} />}
          rowTestId={(l, layout) => (l.p ? `review-${layout === 'table' ? 'row' : 'card'}-${l.p.kind === 'cell' ? 'cell' : l.p.fullName}` : undefined)}
        />
      )}
      {dialog && <StepDialog participant={dialog.p} step={dialog.step} templates={data.cycle.templates} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
