import type { NotificationData } from '@mantine/notifications';

/**
 * Shows a toast, loading Mantine's notifications on first use: the sign-in and public pages (which may never show
 * one) do not carry the package in their first load (issue 14's bundle goal). The toasts' container loads after the
 * first screen (App.tsx); a toast shown before it is there waits in the same store.
 */
export function notify(data: NotificationData): void {
  void import('@mantine/notifications').then(({ notifications }) => notifications.show(data));
}

/**
 * Takes away the toasts on screen: a dialog opening calls it (FormModal), so the "saved" of the last action does not
 * cover the dialog's title on a phone (the toasts sit above every layer, at the top).
 */
export function clearToasts(): void {
  void import('@mantine/notifications').then(({ notifications }) => notifications.clean());
}
