import { AppShell, Burger, Button, Divider, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useErrorText } from '../../components/ErrorAlert';
import { enumLabel } from '../../lib/enums';
import { useSession } from '../../lib/session';
import { mayManageUsers } from '../users/api';
import { LanguageSwitch } from './LanguageSwitch';

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, isProvinceAdmin, signOut, signOutEverywhere } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const errorText = useErrorText();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  const items: { to: string; key: string; label?: string }[] = [
    { to: '/units', key: 'units' },
    { to: '/people', key: 'people' },
    { to: '/dashboard', key: 'dashboard' },
    { to: '/review', key: 'review', label: t('review.nav') },
    // Imports are the officers' work (policy roster.import); reporting is open to every member.
    ...(me.roles.some((r) => r.role === 'province_admin' || r.role === 'commune_officer') ? [{ to: '/import', key: 'import' }] : []),
    { to: '/supervision', key: 'supervision', label: t('supervision.nav') },
    ...(isProvinceAdmin ? [{ to: '/audit', key: 'audit' }] : []),
    ...(mayManageUsers(me) ? [{ to: '/users', key: 'users', label: t('users.nav') }] : []),
  ];
  const role = me.roles[0];
  const roleText = role ? `${enumLabel(t, 'role', role.role)} · ${role.unitName}` : '';
  const run = (action: () => Promise<void>) => action().catch((err) => notifications.show({ color: 'red', message: errorText(err) }));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'xs', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px="xs" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={3} c="red.8">
              {t('app.name')}
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Stack gap={0} visibleFrom="md" style={{ minWidth: 0, textAlign: 'right' }}>
              <Text size="sm" fw={600} truncate data-testid="user-name">
                {me.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="user-role">
                {roleText}
              </Text>
            </Stack>
            <LanguageSwitch />
            <Button size="compact-sm" variant="subtle" onClick={() => run(signOut)} data-testid="logout">
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow>
          {items.map((item) => (
            <NavLink
              key={item.key}
              component={Link}
              to={item.to}
              label={item.label ?? t(`nav.${item.key}`)}
              active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
              onClick={close}
              data-testid={`nav-${item.key}`}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="xs" />
          <Text size="sm" fw={600}>
            {me.displayName}
          </Text>
          {me.roles.map((r) => (
            <Text key={`${r.role}:${r.unitId}`} size="xs" c="dimmed">
              {enumLabel(t, 'role', r.role)} · {r.unitName}
            </Text>
          ))}
          <Button mt="xs" size="compact-xs" variant="light" color="gray" fullWidth onClick={() => run(signOutEverywhere)} data-testid="logout-all">
            {t('nav.logoutAll')}
          </Button>
          <Text size="xs" c="dimmed" ta="center" mt="xs">
            {t('app.footer')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main style={{ minWidth: 0 }}>{children}</AppShell.Main>
    </AppShell>
  );
}
