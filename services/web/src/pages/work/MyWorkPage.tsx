import { useNavigate, useSearchParams } from 'react-router-dom';
import { Card, Tabs } from 'antd';
import { useUser } from '../../auth/AuthContext.js';
import { LEDGER_READERS, WAITING_READERS, workStages } from '../../auth/permissions.js';
import { T } from '../../i18n/text.js';
import { InboxList } from './InboxList.js';
import { PreferencesPanel } from './PreferencesPanel.js';
import { TaskList } from './TaskList.js';
import { WaitingList } from './WaitingList.js';

/** 我的待办: problems waiting at my stage (soonest deadline first), other things waiting for me, my inbox and my e-mail settings. */
export function MyWorkPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const hasTasks = LEDGER_READERS.includes(user.role) && workStages(user.role).length > 0;
  const hasWaiting = WAITING_READERS.includes(user.role);
  const tab = params.get('tab') ?? (hasTasks ? 'tasks' : hasWaiting ? 'waiting' : 'inbox');
  return (
    <Card title={T.work.title}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          ...(hasTasks ? [{ key: 'tasks', label: T.work.tasks, children: <TaskList /> }] : []),
          ...(hasWaiting ? [{ key: 'waiting', label: T.work.waiting, children: <WaitingList /> }] : []),
          { key: 'inbox', label: T.work.inbox, children: <InboxList onOpen={(p) => void navigate(p)} /> },
          { key: 'preferences', label: T.work.preferences, children: <PreferencesPanel /> },
        ]}
      />
    </Card>
  );
}
