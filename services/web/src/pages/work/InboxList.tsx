import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, List, Space, Switch, Typography } from 'antd';
import { notificationsApi } from '../../api/notifications.js';
import type { InboxItem } from '../../api/types.js';
import { dateTime, T } from '../../i18n/text.js';
import { useLiveEvents } from '../../live/useLiveEvents.js';

/** Links in notices point at the console's own address (PUBLIC_URL): open them inside the console. */
const localLink = (link: string | null) => {
  if (!link) return null;
  try {
    const u = new URL(link, window.location.origin);
    return u.pathname + u.search;
  } catch {
    return null;
  }
};

export function InboxList({ onOpen }: { onOpen: (path: string) => void }) {
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: InboxItem[]; unread: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => notificationsApi.inbox({ unreadOnly, page, pageSize: 20 }).then(setData, (e: Error) => setError(e.message)), [unreadOnly, page]);
  useEffect(() => { void load(); }, [load]);
  useLiveEvents((e) => e.type === 'inbox', load);
  const changed = () => { void load(); window.dispatchEvent(new Event('rectify:inbox-changed')); };
  const read = (item: InboxItem) => notificationsApi.markRead(item.id).then(changed, (e: Error) => message.error(e.message));
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="inbox-unread">{T.work.unread}：{data?.unread ?? 0}</Typography.Text>
        <Switch checked={unreadOnly} onChange={(v) => { setUnreadOnly(v); setPage(1); }} /> {T.work.unreadOnly}
        <Button onClick={() => void notificationsApi.markAllRead().then(changed)} disabled={!data?.unread}>{T.work.markAllRead}</Button>
      </Space>
      <List<InboxItem>
        loading={data === null}
        dataSource={data?.items ?? []}
        locale={{ emptyText: T.work.noMessages }}
        data-testid="inbox-list"
        pagination={{ current: page, pageSize: 20, onChange: setPage, total: (page - 1) * 20 + (data?.items.length ?? 0) + ((data?.items.length ?? 0) === 20 ? 1 : 0), simple: true }}
        renderItem={(item) => (
          <List.Item
            actions={[
              localLink(item.link) && <Button key="open" type="link" onClick={() => { if (!item.readAt) void read(item); onOpen(localLink(item.link)!); }}>查看</Button>,
              !item.readAt && <Button key="read" type="link" onClick={() => void read(item)}>{T.work.markRead}</Button>,
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={<Space>{!item.readAt && <Badge status="processing" />}<span style={{ fontWeight: item.readAt ? 400 : 600 }}>{item.title}</span></Space>}
              description={<><div style={{ whiteSpace: 'pre-wrap' }}>{item.body}</div><Typography.Text type="secondary">{dateTime(item.createdAt)}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
    </>
  );
}
