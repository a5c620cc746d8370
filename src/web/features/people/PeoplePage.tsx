import { Group, Select, Stack, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { UnitPicker } from '../../components/UnitPicker';
import { SearchField } from '../../components/SearchField';
import { PeopleList } from './PeopleList';

/** Search people: text (diacritics ignored by the server), unit, status; filters live in the URL. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const unitId = params.get('unitId');
  // The server knows `active` (members on the date) and `closed` (people who left or died).
  const status = params.get('status') === 'closed' ? 'closed' : 'active';

  const set = (key: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value !== null) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== q) set('q', q || null);
    // only the debounced text drives the URL
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  return (
    <Stack>
      <Title order={2}>{t('people.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <SearchField label={t('people.search')} placeholder={t('people.searchPlaceholder')} value={text} onChange={setText} width={280} testId="people-search" />
        <div style={{ width: 'min(100%, 280px)' }}>
          <UnitPicker label={t('people.unitFilter')} value={unitId} onChange={(id) => set('unitId', id)} clearable data-testid="people-unit" />
        </div>
        <Select
          label={t('people.statusFilter')}
          data={[
            { value: 'active', label: t('people.statusActive') },
            { value: 'closed', label: t('people.statusClosed') },
          ]}
          value={status}
          onChange={(v) => set('status', v === 'closed' ? 'closed' : null)}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
          data-testid="people-status"
        />
      </Group>
      <PeopleList filter={{ q, unitId, status }} />
    </Stack>
  );
}
