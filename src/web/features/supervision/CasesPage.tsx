import { Anchor, Badge, Button, Card, Checkbox, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { type Column, ResponsiveTable } from '../../components/ResponsiveTable';
import { unitWithParent } from '../../components/unitName';
import { caseStatuses } from '../../../domain/supervision-values';
import { formatDateVi } from '../../../domain/dates';
import { useNumberFormat } from '../../lib/format';
import { api, call, type Query } from '../../api/client';
import { PageTabs } from '../../components/PageTabs';
import { QueryState } from '../../components/QueryState';
import { useSession } from '../../lib/session';
import type { ListedCase, Place } from './api';
import { ReportForm } from './ReportForm';
import { RulesPanel } from './RulesPanel';

const TrendChart = lazy(() => import('./TrendChart'));

const PAGE = 30;

const usePlaces = (parentId: string | null | undefined) =>
  useQuery({
    queryKey: ['public-places', parentId ?? 'root'],
    queryFn: ({ signal }) => call(api.GET('/api/public/places', { params: { query: { parentId: parentId ?? undefined } }, signal })),
    enabled: parentId !== null,
    staleTime: 5 * 60_000,
  });

/** Commune → cell: the unit filter of the case list (names only, from the public list of places). */
function UnitFilter({ communeId, cellId, onChange }: { communeId: string | null; cellId: string | null; onChange: (communeId: string | null, cellId: string | null) => void }) {
  const { t } = useTranslation();
  const provinces = usePlaces(undefined);
  const provinceId = provinces.data?.items.length === 1 ? provinces.data.items[0].id : null;
  const communes = usePlaces(provinceId);
  const cells = usePlaces(communeId);
  const options = (q: { data?: { items: Place[] } }) => (q.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <Select
        label={t('supervision.public.commune')}
        placeholder={t('supervision.officer.allUnits')}
        data={options(communes)}
        value={communeId}
        onChange={(v) => onChange(v, null)}
        searchable
        clearable
        w={{ base: '100%', xs: 220 }}
        data-testid="filter-commune"
      />
      <Select
        label={t('supervision.public.cell')}
        placeholder={t('supervision.officer.allCells')}
        data={options(cells)}
        value={cellId}
        onChange={(v) => onChange(communeId, v)}
        disabled={!communeId}
        searchable
        clearable
        w={{ base: '100%', xs: 220 }}
        data-testid="filter-cell"
      />
    </>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const overdue = params.get('overdue') === 'true';
  const escalated = params.get('escalated') === 'true';
  const communeId = params.get('commune');
  const cellId = params.get('cell');
  const set = (values: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(values)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const unitId = cellId ?? communeId;
  const navigate = useNavigate();
  const columns: Column<ListedCase>[] = [
    {
      key: 'case',
      header: t('supervision.officer.colCase'),
      primary: true,
      cell: (c, layout) => (
        <Stack gap={2}>
          {layout === 'table' ? (
            <Anchor component={Link} to={`/supervision/${c.id}`} size="sm" fw={600} onClick={(e) => e.stopPropagation()}>
              {t(`supervision.subject.${c.subject}`)}
            </Anchor>
          ) : (
            <Text size="sm" fw={600}>
              {t(`supervision.subject.${c.subject}`)}
            </Text>
          )}
          <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {c.excerpt}
          </Text>
        </Stack>
      ),
    },
    { key: 'cell', header: t('supervision.public.cell'), cell: (c) => unitWithParent(c.cell) },
    {
      key: 'dates',
      header: t('supervision.officer.colDates'),
      cell: (c) => `${formatDateVi(c.receivedOn)}${c.dueOn ? ` → ${formatDateVi(c.dueOn)}` : ''}`,
    },
    {
      key: 'status',
      header: t('supervision.public.status'),
      bare: true,
      cell: (c) => (
        <Group gap="xs" wrap="wrap">
          <Badge style={{ textTransform: 'none' }}>{t(`supervision.status.${c.status}`)}</Badge>
          <Badge variant="light" style={{ textTransform: 'none' }}>{t(`supervision.category.${c.category}`)}</Badge>
          <Badge variant="outline" style={{ textTransform: 'none' }}>{t(`supervision.route.${c.route}`)}</Badge>
          {c.overdue && <Badge color="red">{t('supervision.officer.overdue')}</Badge>}
          {c.escalatedTo && (
            <Text size="xs" c="red">
              {t('supervision.officer.escalated', { unit: c.escalatedTo })}
            </Text>
          )}
        </Group>
      ),
    },
  ];
  const cases = useInfiniteQuery({
    queryKey: ['supervision-cases', status ?? '', overdue, escalated, unitId ?? ''],
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) =>
      call(
        api.GET('/api/supervision/cases', {
          params: {
            query: {
              status: (status ?? undefined) as Query<'/api/supervision/cases'>['status'],
              overdue: overdue ? 'true' : undefined,
              escalated: escalated ? 'true' : undefined,
              unitId: unitId ?? undefined,
              cursor: pageParam ?? undefined,
              limit: PAGE,
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('supervision.public.status')}
          placeholder={t('supervision.officer.allStatuses')}
          data={caseStatuses.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
          value={status}
          onChange={(v) => set({ status: v })}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <UnitFilter communeId={communeId} cellId={cellId} onChange={(commune, cell) => set({ commune, cell })} />
        <Checkbox label={t('supervision.officer.overdueOnly')} checked={overdue} onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : null })} />
        <Checkbox label={t('supervision.officer.escalatedOnly')} checked={escalated} onChange={(e) => set({ escalated: e.currentTarget.checked ? 'true' : null })} />
      </Group>
      <QueryState query={cases}>
        {(pages) => {
          const data = { items: pages.pages.flatMap((p) => p.items) };
          return data.items.length === 0 ? (
            <Text c="dimmed">{t('supervision.officer.none')}</Text>
          ) : (
            <Stack gap="xs">
              <ResponsiveTable
                rows={data.items}
                rowKey={(c) => c.id}
                columns={columns}
                testId="supervision-cases"
                minWidth={720}
                rowTestId={() => 'supervision-case'}
                // A phone's card is the link itself; a table row opens on a click anywhere in it (its name is the link).
                rowProps={(c, layout) =>
                  layout === 'card' ? { component: Link, to: `/supervision/${c.id}` } : { onClick: () => navigate(`/supervision/${c.id}`), style: { cursor: 'pointer' } }
                }
              />
              {cases.hasNextPage && (
                <Group justify="center">
                  <Button variant="light" onClick={() => cases.fetchNextPage()} loading={cases.isFetchingNextPage} data-testid="supervision-more">
                    {t('supervision.officer.more')}
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function FiguresPanel() {
  const { t } = useTranslation();
  const figures = useQuery({ queryKey: ['supervision-figures'], queryFn: ({ signal }) => call(api.GET('/api/supervision/figures', { signal })) });
  const fmt = useNumberFormat();
  const pct = (x: number | null) => (x === null ? '—' : fmt.pctAxis(Math.round(x * 100)));
  return (
    <QueryState query={figures}>
      {(f) => (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {[
              [t('supervision.officer.total'), fmt.int(f.total)],
              [t('supervision.officer.concluded'), fmt.int(f.concluded)],
              [t('supervision.officer.onTime'), pct(f.concludedOnTimeShare)],
              [t('supervision.officer.median'), f.medianDaysToConclusion === null ? '—' : fmt.int(f.medianDaysToConclusion)],
              [t('supervision.officer.overdueCount'), fmt.int(f.overdue)],
            ].map(([label, value]) => (
              <Card key={label} withBorder padding="sm">
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fz={24} fw={700}>
                  {value}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Text fw={600} size="sm" mb="xs">
              {t('supervision.officer.trend')}
            </Text>
            <Suspense fallback={<Loader size="sm" />}>
              <TrendChart byMonth={f.byMonth} />
            </Suspense>
          </Paper>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('supervision.officer.byCategory')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {Object.entries(f.byCategory).map(([k, n]) => (
                  <Table.Tr key={k}>
                    <Table.Td>{t(`supervision.category.${k}`)}</Table.Td>
                    <Table.Td>{n}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('supervision.officer.byBranch')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.byBranch.map((b) => (
                  <Table.Tr key={b.unitId}>
                    <Table.Td>{b.name}</Table.Td>
                    <Table.Td>{b.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}

const officerRoles = ['province_admin', 'commune_officer', 'inspection_officer'];

/**
 * "Góp ý, phản ánh": officers get the cases routed to their branch, the early-warning list, the figures and the
 * rules; everyone signed in (members, secretaries, officers) can report from inside.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const officer = me.roles.some((r) => officerRoles.includes(r.role));
  const reportTab = (
    <Paper withBorder p="md" maw={720}>
      <Stack>
        <ReportForm member={{ name: me.displayName }} />
      </Stack>
    </Paper>
  );
  if (!officer)
    return (
      <Stack>
        <Title order={2}>{t('supervision.nav')}</Title>
        {reportTab}
      </Stack>
    );
  return (
    <Stack>
      <Title order={2}>{t('supervision.officer.title')}</Title>
      <PageTabs
        initial="cases"
        tabs={[
          { value: 'cases', label: t('supervision.officer.tabCases'), panel: <CaseList /> },
          { value: 'figures', label: t('supervision.officer.tabFigures'), testId: 'tab-figures', panel: <FiguresPanel /> },
          { value: 'report', label: t('supervision.officer.tabReport'), testId: 'tab-report', panel: reportTab },
          { value: 'rules', label: t('supervision.officer.tabRules'), testId: 'tab-rules', panel: <RulesPanel /> },
        ]}
      />
    </Stack>
  );
}
