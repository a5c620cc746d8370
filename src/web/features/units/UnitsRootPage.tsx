import { Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { UnitChildren } from './UnitChildren';

/** The top of each branch the user may see. */
export function UnitsRootPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['units-roots'], queryFn: () => call(api.GET('/api/units/roots')) });
  return (
    <Stack>
      <Title order={2}>{t('units.title')}</Title>
      <QueryState query={query}>
        {(data) => <UnitChildren items={data.items} />}
      </QueryState>
    </Stack>
  );
}
