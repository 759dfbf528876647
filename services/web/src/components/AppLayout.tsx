import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { AuditOutlined, BarChartOutlined, BellOutlined, DashboardOutlined, FileTextOutlined, FormOutlined, LogoutOutlined, TableOutlined, TeamOutlined, ToolOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ROLE_LABELS, ROLES } from '@rectify/contracts';
import { useAuth, useUser } from '../auth/AuthContext.js';
import { APPROVALS, EXPLANATIONS, INDICATOR_READERS, JOINT_MEETING_PAGE, LEDGER_READERS, SUMMARIES, SUPERVISION_BOARD } from '../auth/permissions.js';
import { notificationsApi } from '../api/notifications.js';
import { T } from '../i18n/text.js';
import { useLiveEvents } from '../live/useLiveEvents.js';
import { LiveIndicator } from '../live/LiveIndicator.js';

/** Refreshes the unread count when an inbox item of the user is created or read (live), when a page says it changed, and every minute besides. */
function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () => notificationsApi.unreadCount().then((r) => alive && setUnread(r.unread), () => undefined);
    void load();
    const timer = window.setInterval(load, 60_000);
    window.addEventListener('rectify:inbox-changed', load);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('rectify:inbox-changed', load);
    };
  }, []);
  useLiveEvents((e) => e.type === 'inbox', () => window.dispatchEvent(new Event('rectify:inbox-changed')));
  return unread;
}

/** The frame of every signed-in page: a menu showing each role only what it may use. */
export function AppLayout() {
  const user = useUser();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const unread = useUnreadCount();
  const role = user.role;
  const items = [
    LEDGER_READERS.includes(role) && { key: '/ledger', icon: <TableOutlined />, label: T.nav.ledger },
    { key: '/work', icon: <UnorderedListOutlined />, label: <Badge count={unread} size="small" offset={[10, 0]}>{T.nav.work}</Badge> },
    SUPERVISION_BOARD.includes(role) && { key: '/supervision', icon: <DashboardOutlined />, label: T.nav.supervision },
    EXPLANATIONS.includes(role) && { key: '/supervision/explanations', icon: <FormOutlined />, label: T.nav.explanations },
    SUMMARIES.includes(role) && { key: '/supervision/summaries', icon: <FileTextOutlined />, label: T.nav.summaries },
    APPROVALS.includes(role) && { key: '/approvals', icon: <AuditOutlined />, label: T.nav.approvals },
    JOINT_MEETING_PAGE.includes(role) && { key: '/joint-meeting', icon: <TeamOutlined />, label: T.nav.jointMeeting },
    INDICATOR_READERS.includes(role) && { key: '/indicators', icon: <BarChartOutlined />, label: T.nav.indicators },
    role === ROLES.OPERATOR && { key: '/operations', icon: <ToolOutlined />, label: T.nav.operations },
  ].filter((i): i is Exclude<typeof i, false> => Boolean(i));
  // The longest menu key the address starts with (a problem's page belongs to the ledger, a case's to the board).
  const path = location.pathname.startsWith('/problems') ? '/ledger' : location.pathname.startsWith('/accountability-cases') ? '/supervision' : location.pathname;
  const selected = items.map((i) => i.key).filter((k) => path === k || path.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={200} breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>{T.app.title}</div>
        <Menu
          mode="inline"
          data-testid="main-menu"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => void navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', paddingInline: 24 }}>
          <Space size="large">
            <LiveIndicator />
            <Badge count={unread} size="small" data-testid="unread-badge">
              <Button type="text" icon={<BellOutlined />} onClick={() => void navigate('/work?tab=inbox')} aria-label={T.nav.inbox} />
            </Badge>
            <Typography.Text data-testid="current-user">
              {user.displayName}（{ROLE_LABELS[role]}{user.enterpriseCode ? ` · ${user.enterpriseCode}` : ''}）
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => { signOut(); void navigate('/login'); }}>{T.nav.logout}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
