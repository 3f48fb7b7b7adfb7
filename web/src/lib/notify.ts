// One place for success/failure notifications, so every mutation reports.
import { notifications } from '@mantine/notifications';
import { errorMessage, isApiError } from '@/lib/api';

export function notifySuccess(message: string, title = 'Done') {
  notifications.show({ title, message, color: 'teal', withBorder: true });
}

export function notifyError(error: unknown, title?: string) {
  const t = title ?? (isApiError(error) && error.status === 409 ? 'Conflict' : 'Something went wrong');
  notifications.show({ title: t, message: errorMessage(error), color: 'red', withBorder: true, autoClose: 8000 });
}
