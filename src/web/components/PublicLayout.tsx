import { Anchor, Box, Container, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of the public pages: no account, no menu; readable at 320 px. Its strings are in the shared catalog, so a
 * public page of another module does not wait for the report channel's catalog (issue 14, bench/bundle.ts).
 */
export function PublicLayout({ title, children, size = 640 }: { title: string; children: ReactNode; size?: number }) {
  const { t } = useTranslation();
  return (
    <Box bg="gray.0" mih="100vh" py="md">
      <Container size={size} px="xs">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} c="red.8">
              {t('app.name')}
            </Title>
            <LanguageSwitch />
          </Group>
          <Title order={2} size="h3">
            {title}
          </Title>
          {children}
          <Group gap="md" wrap="wrap">
            <Anchor component={Link} to="/gop-y" size="sm" underline="always">
              {t('publicLayout.toReport')}
            </Anchor>
            <Anchor component={Link} to="/gop-y/theo-doi" size="sm" underline="always">
              {t('publicLayout.follow')}
            </Anchor>
            <Anchor component={Link} to="/login" size="sm" underline="always">
              {t('publicLayout.signIn')}
            </Anchor>
          </Group>
        </Stack>
      </Container>
    </Box>
  );
}
