import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';

export interface PickedPerson {
  id: string;
  fullName: string;
  unit: { id: string; name: string } | null;
}

interface Props {
  label: string;
  description?: string;
  value: string | null;
  onChange: (person: PickedPerson | null) => void;
  error?: string;
  'data-testid'?: string;
}

/** Finds a person by name, party card or CCCD (GET /api/people?q=), showing each one's cell. */
export function PersonPicker({ label, description, value, onChange, error, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const { data, isFetching } = useQuery({
    queryKey: ['people-pick', debounced],
    queryFn: ({ signal }) => call(api.GET('/api/people', { params: { query: { q: debounced, limit: 20 } }, signal })),
    enabled: debounced.length >= 2,
    staleTime: 30_000,
  });
  const found: PickedPerson[] = debounced.length >= 2 ? (data?.items ?? []).map((p) => ({ id: p.id, fullName: p.fullName, unit: p.unit })) : [];
  if (picked && value === picked.id && !found.some((p) => p.id === picked.id)) found.unshift(picked);
  return (
    <Select
      label={label}
      description={description}
      searchable
      clearable
      value={value}
      data={found.map((p) => ({ value: p.id, label: p.fullName }))}
      filter={({ options }) => options}
      onSearchChange={setSearch}
      nothingFoundMessage={debounced.length < 2 ? t('users.personTypeMore') : isFetching ? t('common.loading') : t('common.nothingFound')}
      placeholder={t('users.personPlaceholder')}
      error={error}
      onChange={(v) => {
        const person = found.find((p) => p.id === v) ?? null;
        setPicked(person);
        onChange(person);
      }}
      renderOption={({ option }) => {
        const unit = found.find((p) => p.id === option.value)?.unit;
        return (
          <div>
            <div>{option.label}</div>
            <div style={{ fontSize: 'var(--mantine-font-size-xs)', opacity: 0.65 }}>{unit ? unit.name : t('users.personNoUnit')}</div>
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
