import { Anchor, Badge, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { caseStatuses } from '../../../domain/supervision';
import { formatDateVi } from '../../../domain/dates';
import { api } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import type { Figures, ListedCase, Warning } from './api';

function CaseList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const overdue = params.get('overdue') === 'true';
  const set = (key: string, value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const cases = useQuery({
    queryKey: ['supervision-cases', status ?? '', overdue],
    queryFn: ({ signal }) => api<{ items: ListedCase[] }>('/api/supervision/cases', { query: { status, overdue: overdue ? 'true' : undefined }, signal }),
  });
  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('supervision.public.status')}
          placeholder={t('supervision.officer.allStatuses')}
          data={caseStatuses.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
          value={status}
          onChange={(v) => set('status', v)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Checkbox label={t('supervision.officer.overdueOnly')} checked={overdue} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)} />
      </Group>
      <QueryState query={cases}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('supervision.officer.none')}</Text>
          ) : (
            <Stack gap="xs" data-testid="supervision-cases">
              {data.items.map((c) => (
                <Card key={c.id} withBorder padding="sm" component={Link} to={`/supervision/${c.id}`} data-testid="supervision-case">
                  <Group gap="xs" wrap="wrap">
                    <Badge>{t(`supervision.status.${c.status}`)}</Badge>
                    <Badge variant="light">{t(`supervision.category.${c.category}`)}</Badge>
                    <Badge variant="outline">{t(`supervision.route.${c.route}`)}</Badge>
                    {c.overdue && <Badge color="red">{t('supervision.officer.overdue')}</Badge>}
                    {c.escalatedTo && (
                      <Text size="xs" c="red">
                        {t('supervision.officer.escalated', { unit: c.escalatedTo })}
                      </Text>
                    )}
                  </Group>
                  <Text size="sm" mt={4}>
                    {c.cell.name} · {t(`supervision.subject.${c.subject}`)} · {formatDateVi(c.receivedOn)}
                    {c.dueOn ? ` → ${formatDateVi(c.dueOn)}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {c.excerpt}
                  </Text>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function Warnings() {
  const { t } = useTranslation();
  const warnings = useQuery({ queryKey: ['supervision-warnings'], queryFn: ({ signal }) => api<{ items: Warning[] }>('/api/supervision/warnings', { signal }) });
  return (
    <QueryState query={warnings}>
      {(data) =>
        data.items.length === 0 ? (
          <Text c="dimmed">{t('supervision.officer.noWarnings')}</Text>
        ) : (
          <Stack gap="xs" data-testid="supervision-warnings">
            {data.items.map((w) => (
              <Card key={`${w.kind}:${w.person?.id ?? w.cell.id}`} withBorder padding="sm" data-testid="supervision-warning">
                <Text fw={600}>{w.kind === 'secretary' && w.person ? `${w.person.name} — ${t('supervision.officer.secretaryOf', { cell: w.cell.name })}` : w.cell.name}</Text>
                {w.signals.map((s) => (
                  <Group key={s.kind} gap="xs" wrap="wrap">
                    <Badge color="orange" variant="light">
                      {t(`supervision.warningKind.${s.kind}`)}: {s.count}
                    </Badge>
                    <Text size="xs">{t('supervision.officer.evidence')}:</Text>
                    {s.caseIds.map((id, i) => (
                      <Anchor key={id} component={Link} to={`/supervision/${id}`} size="xs">
                        #{i + 1}
                      </Anchor>
                    ))}
                  </Group>
                ))}
              </Card>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}

function FiguresPanel() {
  const { t } = useTranslation();
  const figures = useQuery({ queryKey: ['supervision-figures'], queryFn: ({ signal }) => api<Figures>('/api/supervision/figures', { signal }) });
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  return (
    <QueryState query={figures}>
      {(f) => (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {[
              [t('supervision.officer.total'), String(f.total)],
              [t('supervision.officer.concluded'), String(f.concluded)],
              [t('supervision.officer.onTime'), pct(f.concludedOnTimeShare)],
              [t('supervision.officer.median'), f.medianDaysToConclusion === null ? '—' : String(f.medianDaysToConclusion)],
              [t('supervision.officer.overdueCount'), String(f.overdue)],
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

/** Cases routed to the user's branch, the early-warning list and the figures. */
export function CasesPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('supervision.officer.title')}</Title>
      <Tabs defaultValue="cases" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="cases">{t('supervision.officer.tabCases')}</Tabs.Tab>
          <Tabs.Tab value="warnings" data-testid="tab-warnings">
            {t('supervision.officer.tabWarnings')}
          </Tabs.Tab>
          <Tabs.Tab value="figures">{t('supervision.officer.tabFigures')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cases" pt="md">
          <CaseList />
        </Tabs.Panel>
        <Tabs.Panel value="warnings" pt="md">
          <Warnings />
        </Tabs.Panel>
        <Tabs.Panel value="figures" pt="md">
          <FiguresPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
