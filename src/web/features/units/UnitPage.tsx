import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, apiUrl } from '../../api/client';
import type { UnitDetail } from '../../api/types';
import { AsOfDateField, asOfProblem } from './AsOfDate';
import { FiguresCards } from '../../components/FiguresCards';
import { QueryState } from '../../components/QueryState';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { PeopleList, usePeople } from '../people/PeopleList';
import { AddMemberModal } from '../people/PersonForm';
import { CellCongresses } from '../people/CellCongresses';
import { UnitActionButtons } from './UnitActions';
import { UnitChildren } from './UnitChildren';
import { PrintButton } from '../../components/PrintButton';

import { useAsOfDate } from './AsOfDate';
import { DownloadButton } from '../../components/DownloadButton';
export { useAsOfDate };

type Linked = UnitDetail['successors'][number];

/** Links to units across a reorganization (what it became, what it was formed from), keeping the date. */
function LinkedUnits({ units, suffix, testId }: { units: Linked[]; suffix: string; testId: string }) {
  return (
    <Group gap="xs" wrap="wrap" data-testid={testId}>
      {units.map((u) => (
        <Anchor key={u.id} component={Link} to={`/units/${u.id}${suffix}`} size="sm" fw={600}>
          {u.name}
        </Anchor>
      ))}
    </Group>
  );
}

/** Where the unit stands on the date: not yet formed (from what), closed (into what), formed from what. */
function UnitLineage({ detail, date }: { detail: UnitDetail; date: string | null }) {
  const { t } = useTranslation();
  const { unit, state, successors, predecessors } = detail;
  const suffix = date ? `?date=${date}` : '';
  const reason = unit.closedReason ? t(`enums.closedReason.${unit.closedReason}`, { defaultValue: unit.closedReason }) : '';
  return (
    <Stack gap={4}>
      {state === 'not_yet' && (
        <Paper withBorder p="xs" bg="yellow.0" data-testid="unit-not-yet">
          <Text size="sm">
            {predecessors.length
              ? t('units.notYetFrom', { date: formatDate(date), from: formatDate(unit.validFrom) })
              : t('units.notYet', { date: formatDate(date), from: formatDate(unit.validFrom) })}
          </Text>
          {predecessors.length > 0 && <LinkedUnits units={predecessors} suffix={suffix} testId="unit-predecessors" />}
        </Paper>
      )}
      {state !== 'not_yet' && predecessors.length > 0 && (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('units.formedFrom', { date: formatDate(unit.validFrom) })}
          </Text>
          <LinkedUnits units={predecessors} suffix={suffix} testId="unit-predecessors" />
        </Group>
      )}
      {unit.validTo && (
        <Paper withBorder p="xs" bg={state === 'closed' ? 'red.0' : undefined} data-testid="unit-closed">
          <Text size="sm" c="red.8">
            {t('units.closedOn', { date: formatDate(unit.validTo), reason })}
          </Text>
          {successors.length > 0 && (
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{t('units.becameOn', { date: formatDate(unit.validTo) })}</Text>
              <LinkedUnits units={successors} suffix={successors.length ? `?date=${unit.validTo}` : ''} testId="unit-successors" />
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}

/**
 * The cell's secretary as the server names it (for anyone who may read the cell); a link to the person when the
 * viewer may see them in the people list (a member sees only themselves there).
 */
function CellSecretary({ unitId, date, secretaryName }: { unitId: string; date: string | null; secretaryName: string | null }) {
  const { t } = useTranslation();
  const people = usePeople({ unitId, status: 'active', date }, 200);
  const all = people.data?.pages.flatMap((p) => p.items) ?? [];
  const secretary = all.find((p) => p.positions.includes('secretary'));
  const deputies = all.filter((p) => p.positions.includes('deputy_secretary'));
  if (people.isPending) return null;
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {t('enums.position.secretary')}
      </Text>
      {secretary ? (
        <Anchor component={Link} to={`/people/${secretary.id}`} fw={600} data-testid="cell-secretary">
          {secretary.fullName}
        </Anchor>
      ) : secretaryName ? (
        <Text fw={600} data-testid="cell-secretary">
          {secretaryName}
        </Text>
      ) : (
        <Text c="red.7" fw={600} data-testid="cell-secretary">
          {t('units.noSecretary')}
        </Text>
      )}
      {deputies.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('enums.position.deputy_secretary')}: {deputies.map((d) => d.fullName).join(', ')}
        </Text>
      )}
    </Paper>
  );
}

function UnitView({ detail, date }: { detail: UnitDetail; date: string | null }) {
  const { t, i18n } = useTranslation();
  const { isProvinceAdmin } = useSession();
  const [adding, setAdding] = useState(false);
  const { unit } = detail;
  const suffix = date ? `?date=${date}` : '';
  const isCell = unit.kind === 'cell';
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap' }} data-testid="unit-breadcrumbs">
        <Anchor component={Link} to="/units" size="sm">
          {t('units.title')}
        </Anchor>
        {detail.ancestors.map((a) => (
          <Anchor key={a.id} component={Link} to={`/units/${a.id}${suffix}`} size="sm">
            {a.name}
          </Anchor>
        ))}
        <Text size="sm">{unit.name}</Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-end" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={2} data-testid="unit-name-title">
            {unit.name}
          </Title>
          <Group gap={6} mt={4}>
            <Badge variant="light">{isCell && unit.cellKind ? enumLabel(t, 'cellKind', unit.cellKind) : enumLabel(t, 'unitKind', unit.kind)}</Badge>
            {unit.code && (
              <Badge variant="outline" color="gray">
                {t('units.codeIs', { code: unit.code })}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t('units.since', { date: formatDate(unit.validFrom) })}
              {unit.validTo ? ` – ${formatDate(unit.validTo)}` : ''}
            </Text>
          </Group>
        </div>
      </Group>
      <UnitLineage detail={detail} date={date} />

      <Group gap="xs">
        <UnitActionButtons detail={detail} />
        <PrintButton testId="unit-print" />
        {isCell && detail.actions.includes('person.create') && (
          <Button size="xs" onClick={() => setAdding(true)} data-testid="action-add-member">
            {t('people.addMember')}
          </Button>
        )}
        {detail.actions.includes('roster.export') && (
          <DownloadButton size="xs" variant="light" href={apiUrl('/api/people/export.xlsx', { unitId: unit.id, date })} data-testid="unit-export-people">
            {t('units.exportPeople')}
          </DownloadButton>
        )}
        {detail.actions.includes('roster.export') && unit.kind !== 'province' && unit.kind !== 'district' && (
          <DownloadButton size="xs" variant="light" href={apiUrl('/api/people/roster.pdf', { unitId: unit.id, date, lang: i18n.language === 'en' ? 'en' : 'vi' })} data-testid="unit-print-roster">
            {t('units.printRoster')}
          </DownloadButton>
        )}
      </Group>
      <Group gap="md">
        <Anchor component={Link} to={`/units/${unit.id}/history`} size="sm" data-testid="unit-history-link">
          {t('units.history')}
        </Anchor>
        {isProvinceAdmin && (
          <Anchor component={Link} to={`/audit?entityType=unit&entityId=${unit.id}`} size="sm" data-testid="unit-audit-link">
            {t('audit.trail')}
          </Anchor>
        )}
        <Anchor component={Link} to={`/dashboard/${unit.id}${suffix}`} size="sm">
          {t('nav.dashboard')}
        </Anchor>
      </Group>

      {/* Not formed yet: its figures are those of the units that stood for it then (its predecessors), summed, and
          those units are listed with theirs. Closed by then: its figures and members live in what it became. */}
      {detail.state === 'open' && <FiguresCards figures={detail.figures} />}
      {detail.state === 'not_yet' && detail.children.length > 0 && (
        <Stack gap="sm" data-testid="unit-predecessors-figures">
          <Title order={4}>{t('units.predecessorsFigures', { date: formatDate(date) })}</Title>
          <FiguresCards figures={detail.figures} />
          <Title order={4}>{t('units.predecessorsList')}</Title>
          <UnitChildren items={detail.children} date={date} />
        </Stack>
      )}

      {detail.state !== 'open' ? null : isCell ? (
        <>
          <CellSecretary unitId={unit.id} date={date} secretaryName={detail.secretaryName} />
          <CellCongresses cellId={unit.id} canRecord={detail.actions.includes('congress.record')} />
          <Title order={4}>{t('units.members')}</Title>
          <PeopleList filter={{ unitId: unit.id, status: 'active', date }} showUnit={false} />
          {adding && <AddMemberModal unitId={unit.id} opened onClose={() => setAdding(false)} />}
        </>
      ) : (
        <>
          <Title order={4}>{t('units.children')}</Title>
          <UnitChildren items={detail.children} date={date} />
        </>
      )}
    </Stack>
  );
}

export function UnitPage() {
  const { id = '' } = useParams();
  const [date, setDate] = useAsOfDate();
  const query = useQuery({
    enabled: !asOfProblem(date),
    queryKey: ['unit', id, date ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/units/{id}', { params: { path: { id }, query: { date: date ?? undefined } }, signal })),
    placeholderData: (prev) => (prev?.unit.id === id ? prev : undefined),
  });
  const asOfOk = !asOfProblem(date);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <AsOfDateField date={date} setDate={setDate} />
      </Group>
      {asOfOk && <QueryState query={query}>{(detail) => <UnitView detail={detail} date={date} />}</QueryState>}
    </Stack>
  );
}
