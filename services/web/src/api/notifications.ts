import { get, post, put, query } from './client.js';
import type { InboxItem, Preference } from './types.js';
import type { Page } from '@rectify/contracts';

const base = '/api/notifications';

export const notificationsApi = {
  inbox: (p: { unreadOnly?: boolean; page?: number; pageSize?: number }) => get<Page<InboxItem> & { unread: number }>(`${base}/inbox${query(p)}`),
  unreadCount: () => get<{ unread: number }>(`${base}/inbox/unread-count`),
  markRead: (id: number) => post<{ unread: number }>(`${base}/inbox/${id}/read`),
  markAllRead: () => post<{ unread: number }>(`${base}/inbox/read-all`),
  preferences: () => get<Preference[]>(`${base}/preferences`),
  setPreference: (type: string, emailEnabled: boolean) => put<Preference[]>(`${base}/preferences`, { type, emailEnabled }),
};
