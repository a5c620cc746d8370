import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitKind } from '../../domain/enums';
import { api, call } from '../api/client';
import { unitContext, unitWithParent } from './unitName';

interface Props {
  label?: string;
  value: string | null;
  onChange: (id: string | null, unit: { id: string; name: string } | null) => void;
  /** Shown for the current value before any search (e.g. the user's own unit). */
  initial?: { id: string; name: string } | null;
  kind?: UnitKind;
  error?: string;
  clearable?: boolean;
  required?: boolean;
  'data-testid'?: string;
}

/** Finds a unit by name (server search, diacritics ignored). */
export function UnitPicker({ label, value, onChange, initial, kind, error, clearable, required, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(initial ?? null);
  const { data, isFetching } = useQuery({
    queryKey: ['units-search', debounced, kind ?? ''],
    queryFn: ({ signal }) => call(api.GET('/api/units/search', { params: { query: { q: debounced, kind } }, signal })),
    staleTime: 30_000,
  });
  // The label names the parent (it is what stays in the box once chosen); the option adds the code.
  const options = (data?.items ?? []).map((u) => ({ value: u.id, label: unitWithParent(u), name: u.name, context: unitContext(u) }));
  const current = picked ?? initial ?? null;
  if (current && value === current.id && !options.some((o) => o.value === current.id)) {
    options.unshift({ value: current.id, label: current.name, name: current.name, context: '' });
  }
  return (
    <Select
      label={label}
      searchable
      clearable={clearable}
      required={required}
      value={value}
      data={options.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      filter={({ options: o }) => o}
      onSearchChange={setSearch}
      nothingFoundMessage={isFetching ? t('common.loading') : t('common.nothingFound')}
      placeholder={t('units.searchPlaceholder')}
      error={error}
      onChange={(v, option) => {
        const unit = v && option ? { id: v, name: option.label } : null;
        setPicked(unit);
        onChange(v, unit);
      }}
      renderOption={({ option }) => {
        const o = options.find((x) => x.value === option.value);
        return (
          <div>
            <div>{o?.name ?? option.label}</div>
            {o?.context ? <div style={{ fontSize: 'var(--mantine-font-size-xs)', opacity: 0.75 }}>{o.context}</div> : null}
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
