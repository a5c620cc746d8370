import { Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { AsOfDateField, asOfProblem, useAsOfDate } from './AsOfDate';
import { UnitChildren } from './UnitChildren';

/** The top of each branch the user may see, as of a date (a root not yet formed then is shown as such). */
export function UnitsRootPage() {
  const { t } = useTranslation();
  const [date, setDate] = useAsOfDate();
  const query = useQuery({
    enabled: !asOfProblem(date),
    queryKey: ['units-roots', date ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/units/roots', { params: { query: { date: date ?? undefined } }, signal })),
  });
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2}>{date ? t('units.rootsAsOf', { date: formatDate(date) }) : t('units.title')}</Title>
        <AsOfDateField date={date} setDate={setDate} />
      </Group>
      {!asOfProblem(date) && <QueryState query={query}>{(data) => <UnitChildren items={data.items} date={date} />}</QueryState>}
    </Stack>
  );
}
