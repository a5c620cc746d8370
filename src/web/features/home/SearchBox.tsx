// Search from anywhere: a button in the shell's header opens a box that finds units (with their parent), people and
// cases — what the reader may open. Diacritics are ignored ("ban khuoi" finds "Bản Khuổi").
import { ActionIcon, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { enumLabel } from '../../lib/enums';
import { formatDate } from '../../lib/format';

function Hit({ title, detail, onClick, testId }: { title: string; detail: string; onClick: () => void; testId: string }) {
  return (
    <UnstyledButton onClick={onClick} p={6} style={{ borderRadius: 6, display: 'block', width: '100%' }} className="search-hit" data-testid={testId}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </UnstyledButton>
  );
}

export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const result = useQuery({
    queryKey: ['search', debounced],
    queryFn: () => call(api.GET('/api/search', { params: { query: { q: debounced } } })),
    enabled: opened && debounced.length >= 2,
  });
  const go = (to: string) => {
    close();
    setQ('');
    navigate(to);
  };
  const r = result.data;
  const none = r && r.units.length + r.people.length + r.cases.length === 0;
  return (
    <>
      <ActionIcon variant="subtle" size="lg" onClick={open} aria-label={t('home.search.open')} data-testid="search-open">
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </ActionIcon>
      <Modal opened={opened} onClose={close} title={t('home.search.title')} size="lg" fullScreen={false}>
        <Stack gap="xs">
          <TextInput
            data-autofocus
            value={q}
            onChange={(e) => setQ(e.currentTarget.value.slice(0, 100))}
            placeholder={t('home.search.placeholder')}
            aria-label={t('home.search.title')}
            data-testid="search-input"
          />
          {debounced.length > 0 && debounced.length < 2 && <Text size="xs" c="dimmed">{t('home.search.tooShort')}</Text>}
          {none && <Text size="sm" c="dimmed" data-testid="search-none">{t('home.search.none')}</Text>}
          {r && r.units.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {t('home.search.units')}
              </Text>
              {r.units.map((u) => (
                <Hit key={u.id} testId="search-unit" title={u.name} detail={[enumLabel(t, 'unitKind', u.kind), u.parent, u.code].filter(Boolean).join(' · ')} onClick={() => go(`/units/${u.id}`)} />
              ))}
            </Stack>
          )}
          {r && r.people.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {t('home.search.people')}
              </Text>
              {r.people.map((p) => (
                <Hit key={p.id} testId="search-person" title={p.fullName} detail={p.unitName} onClick={() => go(`/people/${p.id}`)} />
              ))}
            </Stack>
          )}
          {r && r.cases.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {t('home.search.cases')}
              </Text>
              {r.cases.map((c) => (
                <Hit key={c.id} testId="search-case" title={`${c.number} · ${c.cell} · ${formatDate(c.receivedOn)}`} detail={c.excerpt} onClick={() => go(`/supervision/${c.id}`)} />
              ))}
            </Stack>
          )}
        </Stack>
      </Modal>
    </>
  );
}
