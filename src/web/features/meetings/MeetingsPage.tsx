// A cell's calendar, month by month (planned, held, missed), and for those who follow a branch, the cells that
// missed a meeting per month. Phone first: one column at 360 px, two or three on wider screens.
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateVi, todayIso } from '../../../domain/dates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { UnitPicker } from '../../components/UnitPicker';
import { useWrite } from '../../lib/mutation';
import { useSession } from '../../lib/session';
import { bandColor, calendarKey, getCalendar, getMissed, getReminders, planYear, stateColor } from './api';
import { OutboxBar } from './OutboxBar';
import { ConfirmButton } from '../../components/ConfirmButton';

function YearSwitch({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button variant="default" size="compact-md" onClick={() => onChange(year - 1)} aria-label={t('meetings.prevYear')}>
        ‹
      </Button>
      <Text fw={600} data-testid="meetings-year">
        {year}
      </Text>
      <Button variant="default" size="compact-md" onClick={() => onChange(year + 1)} aria-label={t('meetings.nextYear')}>
        ›
      </Button>
    </Group>
  );
}

function CellCalendar({ cellId, year }: { cellId: string; year: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: calendarKey(cellId, year), queryFn: () => getCalendar(cellId, year) });
  const plan = useWrite(() => planYear(cellId, year), {});
  return (
    <QueryState query={q}>
      {(cal) => {
        const none = cal.months.every((m) => m.meetings.length === 0);
        return (
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3}>{cal.cellName}</Title>
              {none && cal.actions.includes('meeting.plan') && (
                <Button onClick={() => plan.mutate(undefined)} loading={plan.isPending} data-testid="meetings-plan">
                  {t('meetings.generatePlan', { year })}
                </Button>
              )}
            </Group>
            {plan.error && <ErrorAlert error={plan.error} />}
            {none && <Text c="dimmed">{t('meetings.noPlan')}</Text>}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
              {cal.months.map((m) => (
                <Card key={m.month} withBorder padding="sm" data-testid="meetings-month">
                  <Text fw={600} mb={4}>
                    {t('meetings.month', { month: Number(m.month.slice(5)), year: m.month.slice(0, 4) })}
                  </Text>
                  <Stack gap={6}>
                    {m.meetings.map((mt) => (
                      <Anchor key={mt.id} component={Link} to={`/meetings/${mt.id}`} underline="never" c="inherit" data-testid="meeting-link">
                      <Group justify="space-between" wrap="nowrap" mih={40}>
                        <div>
                          <Text size="sm">{t(`meetings.kinds.${mt.kind}`)}</Text>
                          <Text size="xs" c="dimmed">
                            {formatDateVi(mt.heldOn ?? mt.plannedOn)}
                          </Text>
                        </div>
                        <Group gap={4} wrap="nowrap">
                          {mt.band && <Badge color={bandColor[mt.band]}>{t(`meetings.bands.${mt.band}`)}</Badge>}
                          <Badge color={stateColor[mt.state]} data-testid={`meeting-state-${mt.state}`}>
                            {t(`meetings.states.${mt.state}`)}
                          </Badge>
                        </Group>
                      </Group>
                    </Anchor>
                    ))}
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        );
      }}
    </QueryState>
  );
}

function MissedList({ unitId, year }: { unitId: string; year: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['meetings', 'missed', unitId, year], queryFn: () => getMissed(unitId, year) });
  const plan = useWrite(() => planYear(unitId, year), {});
  return (
    <QueryState query={q}>
      {(m) => (
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3}>{t('meetings.missedTitle', { unit: m.unitName })}</Title>
            <ConfirmButton
              variant="light"
              onConfirm={() => plan.mutateAsync(undefined).catch(() => {})}
              loading={plan.isPending}
              confirmTitle={t('meetings.generatePlan', { year })}
              confirmBody={t('meetings.planBranchConfirm', { year, unit: m.unitName, cells: m.months[0]?.cells ?? 0 })}
              data-testid="meetings-plan-branch"
            >
              {t('meetings.generatePlan', { year })}
            </ConfirmButton>
          </Group>
          {plan.data && <Alert color="green">{t('meetings.planned', { cells: plan.data.cells, created: plan.data.created })}</Alert>}
          {plan.error && <ErrorAlert error={plan.error} />}
          {m.months.length === 0 && <Text c="dimmed">{t('meetings.noMonthOver')}</Text>}
          {m.months.map((mo) => (
            <Card key={mo.month} withBorder padding="sm" data-testid="missed-month">
              <Group justify="space-between">
                <Text fw={600}>{t('meetings.month', { month: Number(mo.month.slice(5)), year: mo.month.slice(0, 4) })}</Text>
                <Badge color={mo.missed.length ? 'red.8' : 'green.8'}>{t('meetings.missedCount', { missed: mo.missed.length, cells: mo.cells })}</Badge>
              </Group>
              {mo.missed.length > 0 && (
                <Text size="sm" mt={4}>
                  {mo.missed.map((c) => c.cell).join(', ')}
                </Text>
              )}
            </Card>
          ))}
          {m.quarters.map((qu) => (
            <Text key={qu.quarter} size="sm">
              {t('meetings.thematicMissed', { quarter: qu.quarter, missed: qu.missed.length, cells: qu.cells })}
            </Text>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}

/** Meetings past their day and not recorded: the secretary's to record, the commune's to follow up. */
function Reminders() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['meetings', 'reminders'], queryFn: getReminders });
  if (!q.data?.length) return null;
  return (
    <Alert color="orange" title={t('meetings.reminders', { count: q.data.length })} data-testid="meeting-reminders">
      <Stack gap={4}>
        {q.data.slice(0, 8).map((r) => (
          <Anchor key={r.id} component={Link} to={`/meetings/${r.id}`} size="sm">
            {r.cell} — {t(`meetings.kinds.${r.kind}`)} {formatDateVi(r.plannedOn)}
          </Anchor>
        ))}
        {q.data.length > 8 && <Text size="xs">{t('meetings.moreReminders', { count: q.data.length - 8 })}</Text>}
      </Stack>
    </Alert>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const ownCell = me.roles.find((r) => r.unitKind === 'cell');
  const overseen = me.roles.find((r) => r.role === 'province_admin' || r.role === 'commune_officer' || r.role === 'inspection_officer');
  const cellId = params.get('cell') ?? ownCell?.unitId ?? null;
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('meetings.title')}</Title>
        <YearSwitch year={year} onChange={setYear} />
      </Group>
      <OutboxBar />
      <Reminders />
      {overseen && (
        <UnitPicker label={t('meetings.pickCell')} kind="cell" value={cellId} onChange={(id) => setParams(id ? { cell: id } : {})} />
      )}
      {cellId ? <CellCalendar cellId={cellId} year={year} /> : <Text c="dimmed">{t('meetings.pickCellHint')}</Text>}
      {overseen && <MissedList unitId={overseen.unitId} year={year} />}
    </Stack>
  );
}
