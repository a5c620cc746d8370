import { BarChart } from '@mantine/charts';
import { Anchor, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { Link, useParams } from 'react-router-dom';
import { ageBands } from '../../../domain/enums';
import { ApiError, api, call, apiUrl } from '../../api/client';
import type { Dashboard, Figures } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiguresCards } from '../../components/FiguresCards';
import { ModuleFiguresCards } from './ModuleFiguresCards';
import { ModuleTrend } from './ModuleTrend';
import { QueryState } from '../../components/QueryState';
import { enumLabel } from '../../lib/enums';
import { formatDate, useNumberFormat } from '../../lib/format';
import { AsOfDateField, asOfProblem, useAsOfDate } from '../units/AsOfDate';
import { ReviewRateCard } from '../review/ReviewRateCard';
import { PrintButton } from '../../components/PrintButton';
import { DownloadButton } from '../../components/DownloadButton';

const columns: { key: keyof Figures; pct?: boolean; decimal?: boolean }[] = [
  { key: 'cells' },
  { key: 'members' },
  { key: 'secretaries' },
  { key: 'secretariesUniversityPct', pct: true },
  { key: 'secretariesTheoryPct', pct: true },
  { key: 'secretaryAverageAge', decimal: true },
  { key: 'secretariesVillageHeadPct', pct: true },
  { key: 'secretariesLaptopPct', pct: true },
  { key: 'cellsWithoutSecretary' },
  { key: 'cellsUnderMinimum' },
];

function AgeChart({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const data = ageBands.map((b) => ({ band: t(`dashboard.ageBands.${b.key}`), count: figures.secretaryAgeBands[b.key] }));
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('dashboard.ageChart')}
      </Text>
      <BarChart
        h={220}
        data={data}
        dataKey="band"
        series={[{ name: 'count', label: t('dashboard.secretaryCount'), color: 'red.6' }]}
        // Counts of people: whole ticks (a cell's one secretary is not "0.25"), written as the language writes them.
        yAxisProps={{ allowDecimals: false }}
        valueFormatter={(v) => fmt.int(v)}
        tickLine="y"
        withTooltip
        data-testid="age-chart"
      />
    </Paper>
  );
}

function DashboardView({ data, date }: { data: Dashboard; date: string | null }) {
  const { t, i18n } = useTranslation();
  const fmt = useNumberFormat();
  const { me } = useSession();
  const suffix = date ? `?date=${date}` : '';
  // A unit the user holds a role on is the top of their branch: the level above is not theirs to open.
  const canGoUp = !!data.unit.parentId && !me.roles.some((r) => r.unitId === data.unit.id);
  const cell = (f: Figures, c: (typeof columns)[number]) => {
    const v = f[c.key];
    if (c.pct) return fmt.pct(v as number | null);
    if (c.decimal) return fmt.decimal(v as number | null);
    return String(v);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={2}>{t('dashboard.title')}</Title>
          <Text fw={600} data-testid="dashboard-unit">
            {data.unit.name} · {enumLabel(t, 'unitKind', data.unit.kind)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('dashboard.asOfDate', { date: formatDate(data.date) })}
          </Text>
          <Group gap="sm">
            <PrintButton testId="dashboard-print" />
            {canGoUp && (
              <Anchor component={Link} to={`/dashboard/${data.unit.parentId}${suffix}`} size="sm" data-testid="dashboard-up">
                {t('dashboard.up')}
              </Anchor>
            )}
            <Anchor component={Link} to={`/units/${data.unit.id}${suffix}`} size="sm">
              {t('dashboard.openUnit')}
            </Anchor>
          </Group>
        </div>
        <Group align="flex-end" gap="xs" className="no-print">
          <DownloadButton href={apiUrl('/api/dashboard/print.pdf', { unitId: data.unit.id, date, lang: i18n.language === 'en' ? 'en' : 'vi' })} variant="light" data-testid="dashboard-pdf">
            {t('dashboard.printPdf')}
          </DownloadButton>
          <DownloadButton href={apiUrl('/api/dashboard/export.xlsx', { unitId: data.unit.id, date })} variant="light" data-testid="dashboard-export">
            {t('dashboard.export')}
          </DownloadButton>
        </Group>
      </Group>
      <FiguresCards figures={data.figures} />
      <ModuleFiguresCards figures={data.moduleFigures} unitName={data.unit.name} children={data.children} />
      <ModuleTrend unitId={data.unit.id} date={date} />
      <AgeChart figures={data.figures} />
      {data.children.length > 0 && (
        <Stack gap={4}>
          <Title order={4}>{t('dashboard.children')}</Title>
          <ScrollArea type="auto">
            <Table striped highlightOnHover withTableBorder miw={980}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={180}>{t('units.name')}</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.key} style={{ textAlign: 'right' }}>
                      {t(`figures.${c.key}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.children.map((row) => (
                  <Table.Tr key={row.unit.id} data-testid="dashboard-child">
                    <Table.Td>
                      <Anchor component={Link} to={`/dashboard/${row.unit.id}${suffix}`} fw={500}>
                        {row.unit.name}
                      </Anchor>
                    </Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c.key} style={{ textAlign: 'right' }}>
                        {cell(row.figures, c)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Stack>
      )}
      <ReviewRateCard unitId={data.unit.id} />
    </Stack>
  );
}

export function DashboardPage() {
  const { unitId } = useParams();
  const [date, setDate] = useAsOfDate();
  const query = useQuery({
    enabled: !asOfProblem(date),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
    queryKey: ['dashboard', unitId ?? '', date ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/dashboard', { params: { query: { unitId, date: date ?? undefined } }, signal })),
  });
  const notFound = query.error instanceof ApiError && query.error.status === 404 && !!unitId;
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <AsOfDateField date={date} setDate={setDate} />
      </Group>
      {asOfProblem(date) ? null : notFound ? (
        <UnitElsewhere unitId={unitId} date={date} fallback={query.error} />
      ) : (
        <QueryState query={query}>{(data) => <DashboardView data={data} date={date} />}</QueryState>
      )}
    </Stack>
  );
}

/**
 * A unit with no figures on the date (merged away, or not formed yet): what it became or was formed from, with
 * links to their dashboards — not a bare "not found". Outside the reader's branch it stays the plain error.
 */
function UnitElsewhere({ unitId, date, fallback }: { unitId: string; date: string | null; fallback: unknown }) {
  const { t } = useTranslation();
  const unit = useQuery({
    queryKey: ['unit', unitId, date ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/units/{id}', { params: { path: { id: unitId }, query: { date: date ?? undefined } }, signal })),
    retry: false,
  });
  if (unit.isPending) return null;
  if (!unit.data) return <ErrorAlert error={fallback} />;
  const { unit: u, state, successors, predecessors } = unit.data;
  const others = state === 'not_yet' ? predecessors : successors;
  const linkDate = state === 'not_yet' ? date : u.validTo;
  const reason = u.closedReason ? t(`enums.closedReason.${u.closedReason}`, { defaultValue: u.closedReason }) : '';
  return (
    <Paper withBorder p="md" data-testid="dashboard-elsewhere">
      <Title order={3}>{u.name}</Title>
      <Text size="sm" mt={4}>
        {state === 'not_yet'
          ? t(predecessors.length ? 'units.notYetFrom' : 'units.notYet', { date: formatDate(date), from: formatDate(u.validFrom) })
          : t('units.closedOn', { date: formatDate(u.validTo), reason })}
        {state !== 'not_yet' && successors.length > 0 ? ` ${t('units.becameOn', { date: formatDate(u.validTo) })}` : ''}
      </Text>
      <Group gap="sm" mt="xs" wrap="wrap">
        {others.map((o) => (
          <Anchor key={o.id} component={Link} to={`/dashboard/${o.id}${linkDate ? `?date=${linkDate}` : ''}`} fw={600} data-testid="dashboard-elsewhere-link">
            {o.name}
          </Anchor>
        ))}
        <Anchor component={Link} to={`/units/${u.id}${date ? `?date=${date}` : ''}`} size="sm">
          {t('dashboard.openUnit')}
        </Anchor>
      </Group>
    </Paper>
  );
}
