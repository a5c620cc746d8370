// How each topic reaches me: in the inbox, also by e-mail at once, in a daily digest, or not at all — official
// messages always reach the inbox (only how the e-mail comes is a choice).
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useWrite } from '../../lib/mutation';
import { OwnEmailCard } from './OwnEmailCard';

type Preference = Answer<'/api/inbox/preferences', 'get'>[number];
type Delivery = Preference['delivery'];

export function PreferencesPage() {
  const { t } = useTranslation();
  const prefs = useQuery({ queryKey: ['inbox-preferences'], queryFn: () => call(api.GET('/api/inbox/preferences')) });
  const [chosen, setChosen] = useState<Record<string, Delivery>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (prefs.data) setChosen(Object.fromEntries(prefs.data.map((p) => [p.topic, p.delivery])));
  }, [prefs.data]);
  const save = useWrite(
    () => call(api.PUT('/api/inbox/preferences', { body: { preferences: (prefs.data ?? []).map((p) => ({ topic: p.topic, delivery: chosen[p.topic] ?? p.delivery })) } })),
    { onError: setError },
  );
  return (
    <Stack gap="sm" maw={720}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('inbox.preferences.title')}</Title>
        <Button size="compact-sm" variant="subtle" component={Link} to="/inbox">
          {t('inbox.back')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('inbox.preferences.intro')}
      </Text>
      <OwnEmailCard />
      <QueryState query={prefs}>
        {(list) => (
          <Stack gap="xs">
            {list.map((p) => (
              <Card key={p.topic} withBorder padding="sm" radius="md">
                <Stack gap={4}>
                  <Text fw={600} size="sm">
                    {t(`inbox.topicNames.${p.topic}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`inbox.kinds.${p.kind}`)}
                    {!p.canTurnOff && ` · ${t('inbox.preferences.always')}`}
                  </Text>
                  <Select
                    aria-label={t(`inbox.topicNames.${p.topic}`)}
                    value={chosen[p.topic] ?? p.delivery}
                    onChange={(v) => v && setChosen((c) => ({ ...c, [p.topic]: v as Delivery }))}
                    allowDeselect={false}
                    data={(['inbox', 'email', 'digest', 'off'] as const).filter((d) => p.canTurnOff || d !== 'off').map((d) => ({ value: d, label: t(`inbox.delivery.${d}`) }))}
                    maw={360}
                    data-testid={`pref-${p.topic}`}
                  />
                </Stack>
              </Card>
            ))}
            <ErrorAlert error={error} />
            <Group>
              <Button onClick={() => save.mutate(undefined)} loading={save.isPending} data-testid="pref-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
