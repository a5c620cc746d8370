import type { NotificationData } from '@mantine/notifications';

/**
 * Shows a toast, loading Mantine's notifications on first use: the sign-in and public pages (which may never show
 * one) do not carry the package in their first load (issue 14's bundle goal). The toasts' container loads after the
 * first screen (App.tsx); a toast shown before it is there waits in the same store.
 */
export function notify(data: NotificationData): void {
  void import('@mantine/notifications').then(({ notifications }) => notifications.show(data));
}
