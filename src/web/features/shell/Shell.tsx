import { ActionIcon, AppShell, Burger, Button, Divider, FocusTrap, Group, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type ReactNode, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useErrorText } from '../../components/ErrorAlert';
import { enumLabel } from '../../lib/enums';
import { useSession } from '../../lib/session';
import { webModules } from '../../modules';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const { me, signOut, signOutEverywhere } = session;
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const errorText = useErrorText();
  // Below the `sm` breakpoint the menu lies over the page: while open it holds the focus and Escape closes it.
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const trapped = opened && phone;
  const burgerRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!trapped) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      burgerRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trapped, close]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // The modules' menu entries, in the registry's order, those this user is meant to see.
  const items = webModules.flatMap((m) => m.menu ?? []).filter((item) => item.visible?.(session) ?? true);
  const headerItems = webModules.flatMap((m) => m.header ?? []);
  const role = me.roles[0];
  const roleText = role ? `${enumLabel(t, 'role', role.role)} · ${role.unitName}` : '';
  const run = (action: () => Promise<void>) => action().catch((err) => notifications.show({ color: 'red', message: errorText(err) }));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'xs', sm: 'md' }}>
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="xs" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <Burger ref={burgerRef} opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} aria-expanded={opened} aria-controls="main-menu" />
            <Title order={3} c="red.8">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }} data-testid="home-link">
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            {/* A module's header piece may load on use (lazy): the rest of the header does not wait for it. */}
            {headerItems.map((Item, i) => (
              <Suspense key={i} fallback={null}>
                <Item />
              </Suspense>
            ))}
            <Stack gap={0} visibleFrom="md" style={{ minWidth: 0, textAlign: 'right' }}>
              <Text size="sm" fw={600} truncate data-testid="user-name">
                {me.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="user-role">
                {roleText}
              </Text>
            </Stack>
            <LanguageSwitch />
            {/* On a phone the words do not fit beside the search, the inbox and the language switch (at 320 px only
                "Đăng" showed): an icon that carries its name, and shows it on hover, focus or a long press. */}
            {phone ? (
              <Tooltip label={t('nav.logout')} events={{ hover: true, focus: true, touch: true }} position="bottom-end">
                <ActionIcon variant="subtle" size="lg" onClick={() => run(signOut)} aria-label={t('nav.logout')} data-testid="logout">
                  <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
                    <path d="m16 17 5-5-5-5" />
                    <path d="M21 12H9" />
                  </svg>
                </ActionIcon>
              </Tooltip>
            ) : (
              <Button size="compact-sm" variant="subtle" onClick={() => run(signOut)} data-testid="logout">
                {t('nav.logout')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-menu" aria-label={t('nav.menuLabel')}>
        <FocusTrap active={trapped}>
        <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
        <AppShell.Section grow>
          {items.map((item) => (
            <NavLink
              key={item.key}
              component={Link}
              to={item.to}
              label={t(item.label)}
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
        </div>
        </FocusTrap>
      </AppShell.Navbar>
      <AppShell.Main ref={mainRef} id="main-content" tabIndex={-1} style={{ minWidth: 0 }}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
