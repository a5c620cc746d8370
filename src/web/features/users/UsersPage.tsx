import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '../../components/QueryState';
import { UnitPicker } from '../../components/UnitPicker';
import { SearchField } from '../../components/SearchField';
import { enumLabel } from '../../lib/enums';
import { useSession } from '../../lib/session';
import { type UserSummary, useUsers } from './api';
import { CreateUserModal, ResetPasswordModal, ResetTwoFactorModal } from './UserModals';

function RoleBadges({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.roles.map((r) => (
        <Badge key={`${r.role}:${r.unitId}`} size="sm" variant="light" color={r.role === 'province_admin' ? 'red' : r.role === 'commune_officer' ? 'orange' : 'blue'} tt="none" style={{ maxWidth: '100%' }}>
          {enumLabel(t, 'role', r.role)} · {r.unitName}
        </Badge>
      ))}
      {user.disabled && (
        <Badge size="sm" variant="outline" color="gray" data-testid="users-disabled">
          {t('users.disabled')}
        </Badge>
      )}
    </Group>
  );
}

const matches = (user: UserSummary, text: string) => {
  const q = text.trim().toLowerCase();
  return !q || user.username.includes(q) || user.displayName.toLowerCase().includes(q);
};

/** Accounts of the user's branch: filter by unit, create one, reset a password. Tables from 600 px, cards below. */
export function UsersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const wide = useMediaQuery('(min-width: 600px)', true);
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId');
  const [unit, setUnit] = useState<{ id: string; name: string } | null>(null);
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [resettingTwoFactor, setResettingTwoFactor] = useState<UserSummary | null>(null);
  const query = useUsers(unitId);

  const setUnitFilter = (id: string | null, picked: { id: string; name: string } | null) => {
    setUnit(picked);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('unitId', id);
        else next.delete('unitId');
        return next;
      },
      { replace: true },
    );
  };

  const resetButton = (user: UserSummary) => (
    <Group gap={4} justify="flex-end" wrap="wrap">
      <Button size="compact-sm" variant="light" color="gray" onClick={() => setResetting(user)} data-testid="users-reset">
        {t('users.reset')}
      </Button>
      <Button size="compact-sm" variant="light" color="gray" onClick={() => setResettingTwoFactor(user)} data-testid="users-reset-2fa">
        {t('users.resetTwoFactor')}
      </Button>
    </Group>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2}>{t('users.title')}</Title>
        <Button onClick={() => setCreating(true)} data-testid="users-create">
          {t('users.create')}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <SearchField label={t('users.search')} placeholder={t('users.searchPlaceholder')} value={text} onChange={setText} width={240} testId="users-search" />
        <div style={{ width: 'min(100%, 280px)' }}>
          <UnitPicker label={t('users.unitFilter')} value={unitId} initial={unit} onChange={setUnitFilter} clearable data-testid="users-unit-filter" />
        </div>
      </Group>
      <QueryState query={query}>
        {(data) => {
          const users = data.items.filter((u) => matches(u, text));
          if (users.length === 0)
            return (
              <Text c="dimmed" data-testid="users-empty">
                {t('users.none')}
              </Text>
            );
          return (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('users.count', { count: users.length })}
              </Text>
              {wide ? (
                <ScrollArea type="auto">
                  <Table striped highlightOnHover miw={560}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('users.username')}</Table.Th>
                        <Table.Th>{t('users.displayName')}</Table.Th>
                        <Table.Th>{t('users.roles')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {users.map((u) => (
                        <Table.Tr key={u.id} data-testid="users-row" data-username={u.username}>
                          <Table.Td ff="monospace">{u.username}</Table.Td>
                          <Table.Td fw={500}>{u.displayName}</Table.Td>
                          <Table.Td>
                            <RoleBadges user={u} />
                          </Table.Td>
                          <Table.Td ta="right">{resetButton(u)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              ) : (
                users.map((u) => (
                  <Paper key={u.id} withBorder p="xs" data-testid="users-row" data-username={u.username}>
                    <Text fw={600}>{u.displayName}</Text>
                    <Text size="sm" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {u.username}
                    </Text>
                    <RoleBadges user={u} />
                    <Group justify="flex-end" mt={4}>
                      {resetButton(u)}
                    </Group>
                  </Paper>
                ))
              )}
            </Stack>
          );
        }}
      </QueryState>
      {creating && <CreateUserModal opened onClose={() => setCreating(false)} defaultUnit={unitId ? (unit ?? null) : null} />}
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <ResetTwoFactorModal user={resettingTwoFactor} onClose={() => setResettingTwoFactor(null)} />
    </Stack>
  );
}
