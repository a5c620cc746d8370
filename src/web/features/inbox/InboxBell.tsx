// The header's inbox button with the unread count (official messages to acknowledge count first).
import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useNumberFormat } from '../../lib/format';

export const INBOX_COUNTS_KEY = ['inbox-counts'] as const;

export function InboxBell() {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const counts = useQuery({ queryKey: INBOX_COUNTS_KEY, queryFn: () => call(api.GET('/api/inbox/counts')), refetchInterval: 60_000 });
  const unread = (counts.data?.official ?? 0) + (counts.data?.activity ?? 0);
  const label = unread > 0 ? t('inbox.bellUnread', { count: unread, countText: fmt.int(unread) }) : t('inbox.bell');
  return (
    <Indicator label={unread > 99 ? '99+' : fmt.int(unread)} disabled={unread === 0} size={16} color={(counts.data?.toAcknowledge ?? 0) > 0 ? 'red' : 'blue'} offset={6}>
      <ActionIcon component={Link} to="/inbox" variant="subtle" size="lg" aria-label={label} data-testid="inbox-bell" data-unread={unread}>
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
